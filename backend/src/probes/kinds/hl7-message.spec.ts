import { describe, expect, it } from 'vitest';
import { defaultTestMessage, newControlId, parseAck, scanFrame, withControlId } from './hl7-message.js';

const frame = (s: string) => Buffer.from(s, 'latin1');

describe('HL7 test message', () => {
  it('is non-clinical: processing id T, sender LIFELINE, no PID segment', () => {
    const msg = defaultTestMessage('LL1', Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(msg).toBe('MSH|^~\\&|LIFELINE|LIFELINE|||20240102030405+0000||NMD^N02^NMD_N02|LL1|T|2.5\rNCK|20240102030405+0000\r');
  });

  it('control ids are unique and fit MSH-10 (20 characters)', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newControlId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(20);
  });

  it.each([
    ['MSH|^~\\&|A|B|C|D|T||ADT^A01|OLD|T|2.5\nEVN|A01', 'MSH|^~\\&|A|B|C|D|T||ADT^A01|NEW|T|2.5\rEVN|A01\r'],
    ['MSH#^~\\&#A#B#C#D#T##ADT^A01#OLD#T#2.5\r\n', 'MSH#^~\\&#A#B#C#D#T##ADT^A01#NEW#T#2.5\r'],
  ])('replaces MSH-10 of a configured message: %j', (input, expected) => {
    expect(withControlId(input, 'NEW')).toBe(expected);
  });
});

describe('MLLP frame scan', () => {
  it.each([
    ['', 'partial'],
    ['\x0bMSH|', 'partial'],
    ['\x0bMSH|\x1c', 'partial'],
    ['\r\n\x0bMSH|\x1c\r', 'frame'],
    ['MSH|\x1c\r', 'bad'],
    ['\x0bMSH|\x1cX', 'bad'],
  ])('%j is %s', (input, state) => expect(scanFrame(frame(input)).state).toBe(state));
});

describe('ACK parse', () => {
  it.each([
    ['MSH|^~\\&|P|P|L|L|T||ACK|1|P|2.5\rMSA|AA|C1', { ok: true, code: 'AA', controlId: 'C1' }],
    ['MSH|^~\\&|P|P|L|L|T||ACK|1|P|2.5\rMSA|AE|C1|bad field\rERR|x', { ok: true, code: 'AE', text: 'bad field' }],
    ['MSH|^~\\&|P|P|L|L|T||ACK|1|P|2.5\rMSA|AR|C1\rERR||PID^1|207^Application internal error^HL70357|E||||Database offline', { ok: true, code: 'AR', text: 'Database offline' }],
    ['MSH|^~\\&|P|P|L|L|T||ACK|1|P|2.3\rMSA|CE|C1\rERR|MSH^1^9^Unknown event', { ok: true, code: 'CE', text: 'MSH 1 9 Unknown event' }],
    ['MSH|^~\\&|P|P|L|L|T||ADT^A01|1|P|2.5\rPID|1', { ok: false, message: 'reply has no MSA segment: not an acknowledgement' }],
    ['MSH|^~\\&|P|P|L|L|T||ACK|1|P|2.5\rMSA|OK|C1', { ok: false }],
    ['<html>502</html>', { ok: false, message: 'reply is not HL7 v2 (starts with "<html>502</html>")' }],
  ])('%j', (input, expected) => expect(parseAck(frame(input))).toMatchObject(expected));
});
