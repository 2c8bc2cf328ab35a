/** A loopback port that was free a moment ago; tests never use fixed ports. */
export { freeLoopbackPort as freePort } from '../../src/database/free-loopback-port.js';
