/**
 * `npm run bench`: prints figures; never a timed test. Select parts with BENCH=scoring,server,browser,report
 * (default all four; browser needs web/dist — npm run web:build — and /usr/bin/chromium; report needs
 * LibreOffice, poppler-utils and fonts-noto-cjk).
 */
import { benchBrowser } from './browser.js';
import { benchReport } from './report.js';
import { benchScoring } from './scoring.js';
import { benchServer } from './server.js';

const parts = (process.env.BENCH ?? 'scoring,server,browser,report').split(',');
console.log(`dtma benchmarks — node ${process.version}, ${new Date().toISOString()}`);
if (parts.includes('scoring')) benchScoring();
if (parts.includes('server')) await benchServer();
if (parts.includes('browser')) await benchBrowser();
if (parts.includes('report')) await benchReport();
