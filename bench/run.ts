/**
 * `npm run bench`: prints figures; never a timed test. Select parts with
 * BENCH=scoring,planner,server,browser,webapp,assessment (default all; browser, webapp and assessment need web/dist —
 * npm run web:build — and /usr/bin/chromium).
 */
import { benchAssessment } from './assessment.js';
import { benchBrowser } from './browser.js';
import { benchPlanner } from './planning.js';
import { benchScoring } from './scoring.js';
import { benchServer } from './server.js';
import { benchWebapp } from './webapp.js';

const parts = (process.env.BENCH ?? 'scoring,planner,server,browser,webapp,assessment').split(',');
console.log(`dtma benchmarks — node ${process.version}, ${new Date().toISOString()}`);
if (parts.includes('scoring')) benchScoring();
if (parts.includes('planner')) benchPlanner();
if (parts.includes('server')) await benchServer();
if (parts.includes('browser')) await benchBrowser();
if (parts.includes('webapp')) await benchWebapp();
if (parts.includes('assessment')) benchAssessment();
