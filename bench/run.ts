/**
 * `npm run bench`: prints figures; never a timed test. Select parts with
 * BENCH=scoring,planner,server,browser,assessment,report (default all; browser and assessment need web/dist —
 * npm run web:build — and /usr/bin/chromium; report needs LibreOffice, poppler-utils and fonts-noto-cjk).
 */
import { benchAssessment } from './assessment.js';
import { benchBrowser } from './browser.js';
import { benchPlanner } from './planning.js';
import { benchReport } from './report.js';
import { benchScoring } from './scoring.js';
import { benchServer } from './server.js';

const parts = (process.env.BENCH ?? 'scoring,planner,server,browser,assessment,report').split(',');
console.log(`dtma benchmarks — node ${process.version}, ${new Date().toISOString()}`);
if (parts.includes('scoring')) benchScoring();
if (parts.includes('planner')) benchPlanner();
if (parts.includes('server')) await benchServer();
if (parts.includes('browser')) await benchBrowser();
if (parts.includes('assessment')) benchAssessment();
if (parts.includes('report')) await benchReport();
