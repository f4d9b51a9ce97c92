import { parseEmulatorArgs } from '../../../scripts/lib/emulator-args';
import { MissingPrerequisiteError } from '../../../scripts/lib/terraform';

describe('the arguments of npm run emulator', () => {
  test("GIVEN no arguments THEN it listens on 5000 as the emulator's default account", () => {
    expect(parseEmulatorArgs([])).toEqual({ port: 5000, account: '123456789012' });
  });

  test('GIVEN --port and --account in either form THEN both are used', () => {
    expect(parseEmulatorArgs(['--port', '4566', '--account=296674251987'])).toEqual({ port: 4566, account: '296674251987' });
  });

  test('GIVEN --port 0 THEN the emulator takes any free port (its ready line names it)', () => {
    expect(parseEmulatorArgs(['--port=0']).port).toBe(0);
  });

  test.each([
    [['--port', '-1'], /--port "-1" is not a TCP port \(1–65535, or 0 for any free one\)/],
    [['--port', 'abc'], /--port "abc" is not a TCP port/],
    [['--port=70000'], /--port "70000" is not a TCP port/],
    [['--account', '2966'], /--account "2966" is not a 12-digit AWS account ID/],
    [['--port'], /--port needs a value/],
    [['dev'], /unknown argument "dev"/],
  ])('GIVEN %j THEN it stops with a usage error naming the value', (args, message) => {
    expect(() => parseEmulatorArgs(args)).toThrow(MissingPrerequisiteError);
    expect(() => parseEmulatorArgs(args)).toThrow(message);
  });
});
