/** `npm run bench`: prints figures; never a timed test. Select parts with BENCH=scoring,… */
import { benchScoring } from './scoring.js';

const parts = (process.env.BENCH ?? 'scoring').split(',');
console.log(`dtma benchmarks — node ${process.version}, ${new Date().toISOString()}`);
if (parts.includes('scoring')) benchScoring();
