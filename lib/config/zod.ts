import { z } from 'zod';

// Extension pages and many sites forbid `new Function` in their CSP; zod 4 uses it to
// compile object parsers unless told not to. Every schema module imports zod from here
// so the setting is in force before the first parse.
z.config({ jitless: true });

export { z };
