import en from 'zod/v4/locales/en.js';
import { config } from 'zod/mini';

// zod/mini rather than zod: the same validation core without the method-chaining API, whose classes every
// process paid to load (about 0.6 MB, a seventh of a second of `cockpit status`). Unlike zod, zod/mini sets no
// locale of its own: English, for messages no error map of ours rewrites. Import it as a namespace
// (`import * as z`): the bundler then keeps only the functions used, not every locale.
config(en());

export * from 'zod/mini';
