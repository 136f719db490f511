/**
 * `dtma seed-demo`: a demonstration database made through the use cases (src/service/demo.ts) — an assessment
 * body, an enterprise per industry, users of every role, assessments in several stages. Refuses to run twice.
 */
import { cloneDemoDatabase, DEMO_PASSWORD, seedDemoDatabase } from '../../service/demo.js';
import { OperatorError } from '../../service/operator.js';
import { CommandError } from './server.js';

export { DEMO_PASSWORD };

export async function seedDemo(print: (t: string) => void) {
  try {
    await seedDemoDatabase(print);
  } catch (error) {
    if (error instanceof OperatorError) throw new CommandError(error.message);
    throw error;
  }
}

export async function cloneDemo(n: string, print: (t: string) => void) {
  try {
    await cloneDemoDatabase(Number(n), print);
  } catch (error) {
    if (error instanceof OperatorError) throw new CommandError(error.message);
    throw error;
  }
}
