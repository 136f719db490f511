/**
 * `npm run bench`: prints figures; never a timed test. Select parts with BENCH=scoring,server,browser (default
 * all three; browser needs web/dist — npm run web:build — and /usr/bin/chromium).
 */
import { benchBrowser } from './browser.js';
import { benchScoring } from './scoring.js';
import { benchServer } from './server.js';

const parts = (process.env.BENCH ?? 'scoring,server,browser').split(',');
console.log(`dtma benchmarks — node ${process.version}, ${new Date().toISOString()}`);
if (parts.includes('scoring')) benchScoring();
if (parts.includes('server')) await benchServer();
if (parts.includes('browser')) await benchBrowser();
