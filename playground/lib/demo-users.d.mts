export declare const DEMO_USERS: Array<{ email: string; password: string; name: string; roles: string[] }>
