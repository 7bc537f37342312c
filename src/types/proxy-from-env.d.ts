// proxy-from-env ships no types; this is the one function the cockpit calls.
declare module 'proxy-from-env' {
  /** The proxy URL for `url` from HTTP(S)_PROXY / ALL_PROXY, or '' when none applies or NO_PROXY matches. */
  export function getProxyForUrl(url: string | URL): string;
}
