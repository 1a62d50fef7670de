/** A person of the provider: `sub` is the subject of their ID tokens. */
export interface OidcAccount {
  sub: string
  email: string
  password: string
  name: string
}
export declare const OIDC_ACCOUNTS: OidcAccount[]
export declare function startOidcProvider(options: { port: number; appUrl: string }): Promise<{ issuer: string; close: () => Promise<void> }>
export declare function describeOidcProvider(issuer: string): string
