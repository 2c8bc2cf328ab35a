/** The time source, injected so scenarios can run an hour in seconds. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
