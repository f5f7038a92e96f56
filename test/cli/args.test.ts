import assert from 'node:assert/strict';
import { COMMANDS, UsageError, checkDate, parseArgs, usage } from '../../server/src/cli/args';

function usageError(argv: string[], message: string): void {
  assert.throws(() => parseArgs(argv), (error: unknown) => {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    assert.equal(error.message, message);
    return true;
  });
}

describe('cli/args', () => {
  describe('commands', () => {
    it('parses a bare lint with defaults', () => {
      assert.deepEqual(parseArgs(['lint']), { command: 'lint', paths: [], format: 'stylish', quiet: false });
    });

    it('collects paths, in order, around flags', () => {
      assert.deepEqual(parseArgs(['lint', 'policies', '--quiet', 'infra/iam.tf']), {
        command: 'lint',
        paths: ['policies', 'infra/iam.tf'],
        format: 'stylish',
        quiet: true,
      });
    });

    it('treats everything after -- as paths', () => {
      assert.deepEqual(parseArgs(['lint', '--', '--quiet', '-x']), {
        command: 'lint',
        paths: ['--quiet', '-x'],
        format: 'stylish',
        quiet: false,
      });
    });

    it('recognises help in every spelling', () => {
      assert.deepEqual(parseArgs(['--help']), { command: 'help' });
      assert.deepEqual(parseArgs(['-h']), { command: 'help' });
      assert.deepEqual(parseArgs(['help']), { command: 'help' });
      assert.deepEqual(parseArgs(['help', 'lint']), { command: 'help', topic: 'lint' });
      assert.deepEqual(parseArgs(['lint', '--help']), { command: 'help', topic: 'lint' });
      assert.deepEqual(parseArgs(['lint', 'policies', '--format', 'json', '-h']), { command: 'help', topic: 'lint' });
    });

    it('recognises --version and -v, also after the command', () => {
      assert.deepEqual(parseArgs(['--version']), { command: 'version' });
      assert.deepEqual(parseArgs(['-v']), { command: 'version' });
      assert.deepEqual(parseArgs(['lint', '--version']), { command: 'version' });
    });

    it('refuses a missing, unknown or misplaced command', () => {
      usageError([], 'missing command (for example "tenet lint")');
      usageError(['check'], 'unknown command "check"');
      usageError(['lnit'], 'unknown command "lnit"; did you mean lint?');
      usageError(['help', 'nope'], 'unknown command "nope"');
      usageError(['--quiet'], 'expected a command before --quiet (for example "tenet lint --quiet")');
    });
  });

  describe('--format', () => {
    it('accepts every format, separate and with =', () => {
      for (const format of ['stylish', 'json', 'sarif', 'junit', 'github', 'html']) {
        assert.equal(lintArgs(['--format', format]).format, format);
        assert.equal(lintArgs([`--format=${format}`]).format, format);
        assert.equal(lintArgs(['-f', format]).format, format);
      }
    });

    it('refuses an unknown or missing format', () => {
      usageError(['lint', '--format', 'xml'], '--format must be one of stylish, json, sarif, junit, github, html; got "xml"');
      usageError(['lint', '--format=pdf'], '--format must be one of stylish, json, sarif, junit, github, html; got "pdf"');
      usageError(['lint', '--format'], '--format needs a value (stylish|json|sarif|junit|github|html)');
      usageError(['lint', '--format='], '--format needs a value (stylish|json|sarif|junit|github|html)');
      usageError(['lint', '--format', '--quiet'], '--format needs a value (stylish|json|sarif|junit|github|html)');
    });
  });

  describe('--output', () => {
    it('takes a file, separate or with =', () => {
      assert.equal(lintArgs(['--output', 'report.json']).output, 'report.json');
      assert.equal(lintArgs(['--output=out/report.txt']).output, 'out/report.txt');
      assert.equal(lintArgs(['-o', 'r.txt']).output, 'r.txt');
      // Only the first = splits: the value may contain one.
      assert.equal(lintArgs(['--output=a=b.txt']).output, 'a=b.txt');
    });

    it('refuses a missing file', () => {
      usageError(['lint', '--output'], '--output needs a value (FILE)');
      usageError(['lint', '-o', '-q'], '--output needs a value (FILE)');
    });
  });

  describe('--today', () => {
    it('takes a real date', () => {
      assert.equal(lintArgs(['--today', '2026-11-22']).today, '2026-11-22');
      assert.equal(lintArgs(['--today=2024-02-29']).today, '2024-02-29');
    });

    it('refuses malformed and impossible dates', () => {
      usageError(['lint', '--today', '2026-02-30'], '--today must be a real date as YYYY-MM-DD; got "2026-02-30"');
      usageError(['lint', '--today=2025-02-29'], '--today must be a real date as YYYY-MM-DD; got "2025-02-29"');
      usageError(['lint', '--today', '2026-13-01'], '--today must be a real date as YYYY-MM-DD; got "2026-13-01"');
      usageError(['lint', '--today', '22/11/2026'], '--today must be a real date as YYYY-MM-DD; got "22/11/2026"');
      usageError(['lint', '--today', '2026-1-5'], '--today must be a real date as YYYY-MM-DD; got "2026-1-5"');
      usageError(['lint', '--today'], '--today needs a value (YYYY-MM-DD)');
    });

    it('checkDate names its source', () => {
      assert.equal(checkDate('TENET_TODAY', '2026-01-31'), '2026-01-31');
      assert.throws(() => checkDate('TENET_TODAY', 'tomorrow'), { message: 'TENET_TODAY must be a real date as YYYY-MM-DD; got "tomorrow"' });
    });
  });

  describe('--config', () => {
    it('takes a file', () => {
      assert.equal(lintArgs(['--config', 'conf/tenet.yaml']).config, 'conf/tenet.yaml');
      assert.equal(lintArgs(['--config=tenet.yaml']).config, 'tenet.yaml');
      assert.equal(lintArgs(['-c', 'x.yaml']).config, 'x.yaml');
    });

    it('refuses a missing file', () => {
      usageError(['lint', '--config'], '--config needs a value (FILE)');
    });
  });

  describe('--concurrency', () => {
    it('takes a thread count, auto or off, on lint and baseline', () => {
      assert.equal(lintArgs(['--concurrency', '4']).concurrency, 4);
      assert.equal(lintArgs(['--concurrency=auto']).concurrency, 'auto');
      assert.equal(lintArgs(['--concurrency', 'off']).concurrency, 'off');
      assert.deepEqual(parseArgs(['baseline', '--concurrency', '2']), { command: 'baseline', paths: [], concurrency: 2 });
    });

    it('rejects anything else', () => {
      for (const value of ['0', '65', '-1', '1.5', 'max', 'AUTO']) {
        usageError(['lint', `--concurrency=${value}`], `--concurrency must be auto, off or a number from 1 to 64; got "${value}"`);
      }
      usageError(['report', '--concurrency', '2'], 'unknown option --concurrency for "tenet report"');
    });
  });

  describe('--max-warnings', () => {
    it('takes a non-negative integer', () => {
      assert.equal(lintArgs(['--max-warnings', '0']).maxWarnings, 0);
      assert.equal(lintArgs(['--max-warnings=25']).maxWarnings, 25);
    });

    it('refuses negative, fractional, non-numeric and huge values', () => {
      usageError(['lint', '--max-warnings', '-1'], '--max-warnings must be a non-negative integer; got "-1"');
      usageError(['lint', '--max-warnings=1.5'], '--max-warnings must be a non-negative integer; got "1.5"');
      usageError(['lint', '--max-warnings', 'ten'], '--max-warnings must be a non-negative integer; got "ten"');
      usageError(['lint', '--max-warnings', '99999999999999999999'], '--max-warnings must be a non-negative integer; got "99999999999999999999"');
      usageError(['lint', '--max-warnings'], '--max-warnings needs a value (N)');
    });
  });

  describe('--quiet', () => {
    it('is a boolean flag', () => {
      assert.equal(lintArgs(['--quiet']).quiet, true);
      assert.equal(lintArgs(['-q']).quiet, true);
    });

    it('refuses a value', () => {
      usageError(['lint', '--quiet=yes'], '--quiet does not take a value');
    });
  });

  it('lets a repeated flag override the earlier one', () => {
    assert.equal(lintArgs(['--format', 'json', '--format', 'stylish']).format, 'stylish');
  });

  it('refuses unknown options, suggesting near misses', () => {
    usageError(['lint', '--fromat', 'json'], 'unknown option --fromat for "tenet lint"; did you mean --format?');
    usageError(['lint', '--basline', 'b.json'], 'unknown option --basline for "tenet lint"; did you mean --baseline?');
    usageError(['baseline', '--quiet'], 'unknown option --quiet for "tenet baseline"');
    usageError(['lint', '-x'], 'unknown option -x for "tenet lint"');
  });

  it('parses every flag together', () => {
    assert.deepEqual(
      parseArgs(['lint', 'a', '--format=json', '--output', 'o.json', '--today', '2026-11-22', '--config=c/tenet.yaml', '--max-warnings', '3', '--baseline', 'b.json', '--quiet', 'b']),
      {
        command: 'lint',
        paths: ['a', 'b'],
        format: 'json',
        output: 'o.json',
        today: '2026-11-22',
        config: 'c/tenet.yaml',
        maxWarnings: 3,
        baseline: 'b.json',
        quiet: true,
      },
    );
  });

  describe('baseline and explain', () => {
    it('parses the baseline command with its options', () => {
      assert.deepEqual(parseArgs(['baseline', 'policies', '-o', 'b.json', '--today=2026-11-22', '--config', 'tenet.yaml']), {
        command: 'baseline',
        paths: ['policies'],
        output: 'b.json',
        today: '2026-11-22',
        config: 'tenet.yaml',
      });
      assert.deepEqual(parseArgs(['help', 'baseline']), { command: 'help', topic: 'baseline' });
      usageError(['baseline', '--today', 'soon'], '--today must be a real date as YYYY-MM-DD; got "soon"');
    });

    it('parses explain with zero or one rule', () => {
      assert.deepEqual(parseArgs(['explain']), { command: 'explain' });
      assert.deepEqual(parseArgs(['explain', 'requirement/drift']), { command: 'explain', rule: 'requirement/drift' });
      assert.deepEqual(parseArgs(['explain', '--help']), { command: 'help', topic: 'explain' });
      usageError(['explain', 'a/b', 'c/d'], '"tenet explain" takes one rule; got 2 (a/b c/d)');
      usageError(['explain', '--format', 'json'], 'unknown option --format for "tenet explain"');
      usageError(['explian'], 'unknown command "explian"; did you mean explain?');
    });
  });

  describe('usage', () => {
    it('lists the commands', () => {
      assert.equal(
        usage(),
        [
          'Usage: tenet <command> [options]',
          '',
          'Commands:',
          '  lint [paths...]      Check that policies match the config files they link to',
          '  baseline [paths...]  Record the current findings, so "tenet lint --baseline" reports only new ones',
          '  report [paths...]    Write a self-contained HTML report for reviewers and auditors',
          '  explain [rule]       Show the documentation of a rule, or list every rule',
          '',
          'Options:',
          '  -h, --help     Show this help',
          '  -v, --version  Show the version',
          '',
          'Run "tenet <command> --help" for the options of a command.',
          '',
        ].join('\n'),
      );
    });

    it('lists every option of lint', () => {
      assert.equal(
        usage('lint'),
        [
          'Usage: tenet lint [paths...] [options]',
          '',
          'Check that policies match the config files they link to.',
          '',
          'Options:',
          '  -f, --format stylish|json|sarif|junit|github|html  Output format (default: stylish)',
          '  -o, --output FILE                                  Write the report to FILE instead of standard output',
          '      --today YYYY-MM-DD                             Check dates as of this day (default: TENET_TODAY, tenet.yaml today, the local date)',
          '  -c, --config FILE                                  Use this tenet.yaml; its folder is the workspace root',
          '      --concurrency N|auto|off                       Worker threads to check policies on (default: auto, all cores but one when there are many policies)',
          '      --max-warnings N                               Exit with code 1 when there are more than N warnings',
          '      --baseline FILE                                Report only findings not recorded in FILE (written by "tenet baseline")',
          '  -q, --quiet                                        Report errors only',
          '  -h, --help                                         Show this help',
          '  -v, --version                                      Show the version',
          '',
          'Exit codes: 0 no errors, 1 errors or too many warnings, 2 usage or internal error.',
          '',
        ].join('\n'),
      );
      for (const option of COMMANDS[0].options) assert.ok(usage('lint').includes(option.name), option.name);
    });

    it('lists the options and exit codes of baseline and explain', () => {
      assert.equal(
        usage('baseline'),
        [
          'Usage: tenet baseline [paths...] [options]',
          '',
          'Record the current findings, so "tenet lint --baseline" reports only new ones.',
          '',
          'Options:',
          '  -o, --output FILE             Write the baseline to FILE (default: tenet-baseline.json in the workspace root)',
          '      --today YYYY-MM-DD        Check dates as of this day (default: TENET_TODAY, tenet.yaml today, the local date)',
          '  -c, --config FILE             Use this tenet.yaml; its folder is the workspace root',
          '      --concurrency N|auto|off  Worker threads to check policies on (default: auto, all cores but one when there are many policies)',
          '  -h, --help                    Show this help',
          '  -v, --version                 Show the version',
          '',
          'Exit codes: 0 baseline written, 2 usage or internal error.',
          '',
        ].join('\n'),
      );
      assert.equal(
        usage('explain'),
        [
          'Usage: tenet explain [rule] [options]',
          '',
          'Show the documentation of a rule, or list every rule.',
          '',
          'Options:',
          '  -h, --help     Show this help',
          '  -v, --version  Show the version',
          '',
          'Exit codes: 0 explained, 2 unknown rule or usage error.',
          '',
        ].join('\n'),
      );
    });
  });
});

function lintArgs(flags: string[]) {
  const parsed = parseArgs(['lint', ...flags]);
  assert.equal(parsed.command, 'lint');
  if (parsed.command !== 'lint') throw new Error('unreachable');
  return parsed;
}
