import { it } from 'vitest';
import { startTestApp } from '../support/test-app.js';
it('boot time', async () => {
  const t0 = Date.now();
  const app = await startTestApp({ config: { demoScenario: 'normal', demoTimeFactor: 200, demoInterval: '1s' } });
  const t1 = Date.now();
  const snap = await (await fetch(`${app.url}/api/status`)).json();
  console.log('boot ms', t1 - t0, snap.demo, snap.serverTime);
  await app.close();
  console.log('close ms', Date.now() - t1);
});
