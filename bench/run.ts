/**
 * `npm run bench`: prints figures; never a timed test. Select parts with
 * BENCH=scoring,planner,server,browser,webapp,assessment,report,cli,login,results,load,scale (default all but load
 * and scale; browser, webapp, load (score writes under autocannon against the compiled server, SQLite and PostgreSQL),
 * assessment, cli and
 * login need the build — npm run build — and browser, assessment and login /usr/bin/chromium; report needs
 * LibreOffice, poppler-utils and fonts-noto-cjk).
 */
import { benchAssessment } from './assessment.js';
import { benchLoad } from './load.js';
import { benchBrowser } from './browser.js';
import { benchCliStart, benchLoginPage } from './ops.js';
import { benchPlanner } from './planning.js';
import { benchReport } from './report.js';
import { benchResults } from './results.js';
import { benchScale } from './scale.js';
import { benchScoring } from './scoring.js';
import { benchServer } from './server.js';
import { benchWebapp } from './webapp.js';

const parts = (
  process.env.BENCH ?? 'scoring,planner,server,browser,webapp,assessment,report,cli,login,results'
).split(',');
console.log(`dtma benchmarks — node ${process.version}, ${new Date().toISOString()}`);
if (parts.includes('scoring')) benchScoring();
if (parts.includes('planner')) benchPlanner();
if (parts.includes('server')) await benchServer();
if (parts.includes('browser')) await benchBrowser();
if (parts.includes('webapp')) await benchWebapp();
if (parts.includes('assessment')) benchAssessment();
if (parts.includes('report')) await benchReport();
if (parts.includes('cli')) benchCliStart();
if (parts.includes('login')) await benchLoginPage();
if (parts.includes('results')) await benchResults();
if (parts.includes('load')) await benchLoad();
// Not in the default set (minutes): BENCH=scale.
if (parts.includes('scale')) await benchScale();
