// oidc-provider (panva) ships no types; the test peer uses a small part of it.
declare module 'oidc-provider';
