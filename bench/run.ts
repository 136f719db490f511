/** `npm run bench`: prints figures; never a timed test. Select parts with BENCH=scoring,server (default both). */
import { benchScoring } from './scoring.js';
import { benchServer } from './server.js';

const parts = (process.env.BENCH ?? 'scoring,server').split(',');
console.log(`dtma benchmarks — node ${process.version}, ${new Date().toISOString()}`);
if (parts.includes('scoring')) benchScoring();
if (parts.includes('server')) await benchServer();
