// The bundle (build.mjs) defines TENET_VERSION from package.json; unbundled runs (tsx tests) have
// no such global, and `typeof` on an undeclared name is safe.
declare const TENET_VERSION: string | undefined;

export const VERSION: string = typeof TENET_VERSION === 'string' ? TENET_VERSION : '0.0.0-dev';
