export declare const OIDC_PROVIDER_ID: "oidc"
export declare const OIDC_PROVIDER_NAME: string
export declare const OIDC_CLIENT: { id: string; secret: string }
export declare const OIDC_PORT_OFFSET: number
export declare const OIDC_ONLY_USERS: Array<{ email: string; password: string; name: string }>
export declare function oidcPort(appPort: string | number, env?: Record<string, string | undefined>): number
export declare function oidcIssuer(env?: Record<string, string | undefined>): string
