import { describe, expect, it } from 'vitest';
import { detect } from '../../../src/guard/detect.js';
import { flaggableShellPathWords, flaggableWordsOfHints, shellPathWords } from '../../../src/guard/paths/shell-path-words.js';

const wordsOf = (command: string) => shellPathWords(command).map((word) => word.text);

describe('words of a shell command that could be paths', () => {
  it('finds none in an empty command or one without hints', () => {
    expect(wordsOf('')).toEqual([]);
    expect(wordsOf('echo hello world; ls -la | wc')).toEqual([]);
  });

  it('finds hints in the first and last unit, for odd and even lengths', () => {
    expect(wordsOf('/')).toEqual(['/']);
    expect(wordsOf('a/')).toEqual(['a/']);
    expect(wordsOf('ab c/')).toEqual(['c/']);
    expect(wordsOf('abc d/')).toEqual(['d/']);
    expect(wordsOf('~ x')).toEqual(['~']);
    expect(wordsOf('x ..')).toEqual(['..']);
    expect(wordsOf('x .env')).toEqual(['.env']);
    expect(wordsOf('xy .ENV')).toEqual(['.ENV']);
  });

  it('takes non-ASCII and lone surrogates as hints, next to dots and word ends', () => {
    expect(wordsOf('cat \uD800 and caf\u00e9.txt')).toEqual(['\uD800', 'caf\u00e9.txt']);
    expect(wordsOf('a \u00e9.env b\uDC00')).toEqual(['\u00e9.env', 'b\uDC00']);
  });

  it('ends words at CR, LF and the shell operators, and strips surrounding quotes', () => {
    expect(wordsOf('cat a/b\r\nrm c/d')).toEqual(['a/b', 'c/d']);
    expect(wordsOf('x<a/b>c/d|e/f;g/h&i/j(k/l)m/n`o/p')).toEqual(['a/b', 'c/d', 'e/f', 'g/h', 'i/j', 'k/l', 'm/n', 'o/p']);
    expect(wordsOf(`cat "'/etc/passwd'" '"' "" "a'/b"`)).toEqual(['/etc/passwd', "a'/b"]);
  });

  it('does not take a "." or "_" outside ".." and the sensitive names as a hint', () => {
    expect(wordsOf('npm run build.prod my_script index.js id_ authorized_key ntds.di .en')).toEqual([]);
    expect(wordsOf('x.id_rsa yid_ed25519 authorized_keys2 a.ntds.dit my.netrc q_netrc .my.cnf.bak')).toEqual([
      'x.id_rsa', 'yid_ed25519', 'authorized_keys2', 'a.ntds.dit', 'my.netrc', 'q_netrc', '.my.cnf.bak',
    ]);
  });

  it('lists a word once, and skips words longer than 4096 units', () => {
    expect(wordsOf('a/b a/b "a/b" c/d a/b')).toEqual(['a/b', 'c/d']);
    expect(wordsOf(`${'x'.repeat(4095)}/ y/`)).toEqual([`${'x'.repeat(4095)}/`, 'y/']);
    expect(wordsOf(`${'x'.repeat(4096)}/ y/`)).toEqual(['y/']);
  });
});

/** Sensitive names, traversals, encodings, look-alikes and their near misses, in both cases. */
const pieces = [
  'etc/shadow', '/etc/passwd', '/ETC/PASSWD', 'etc', 'et', 'e', 'proc', '/proc/self/environ', '~/.ssh/id_rsa', 'ID_RSA', 'id_', '.env', '.ENV.local', '.env.example',
  'file:///etc/shadow', 'FILE://localhost/etc/passwd', 'file://localhostetc/passwd', 'file:', 'fi', 'FI', 'application_default_credentials.json',
  'x/Application_Default_Credentials.JSON', 'Windows/System32/config/SAM', 'library/keychains', 'Library', 'claude_desktop_config.json', 'ntds.dit', '.my.cnf',
  '_netrc', '.netrc', 'authorized_keys', '.git/config', '.kube/config', '..', '../', '..\\', '....//', '%2e%2e%2f', '%252e%252e/', '\\x2e\\x2e/', '%c0%ae', '\u2215',
  '\uFF0E\uFF0E', '\uFF45tc', '\u212Aube', '\u00e9', '\0', 'https://example.com/a/b', 'http://x/../y', 'a.b.c', 'foo_bar', 'src/index.ts', 'lib/', 'au', 'cl', 'nt', 'wi',
  '"', "'", ' ', '\n', '\r\n', '/', '\\', ';', '|', 'x', '.', '_',
  '\u0436', '\u0416etc', '\u4e2d\u6587', '\u3002', '\uff0c', '\uff45\uff54\uff43', '\u212a', '\u0130', '\u2028', '\u00a0', '\u3000', 'e\u0301', '\u1100\u1161',
  '\uff08', '\u2474', '\uff0e\uff0e', '\u3002\u3002/', '/\u3002env', '\u3002ssh/', '\u6587\u3002\u6587',
];

/** Prose in other scripts, where most words could be paths and few could be flagged. */
const otherScripts = ['\u0441\u043b\u043e\u0432\u043e', '\u0416\u0451', '\u4e2d\u6587\u5b57', '\u3002', '\uff0c', '\u0105\u0142', ' ', ' ', '\n'];

function randomCommands(count: number, parts = pieces, seed = 11): string[] {
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => {
    let text = 'run ';
    const size = 20 + Math.floor(random() * 400);
    while (text.length < size) {
      const from = parts === pieces || random() < 0.15 ? pieces : otherScripts;
      text += from[Math.floor(random() * from.length)] + (random() < 0.3 ? ' ' : '');
    }
    return text;
  });
}

/** Mostly prose in other scripts, with the pieces above spliced in. */
const otherScriptCommands = () => randomCommands(400, otherScripts, 5);

const details = (args: unknown, tool: string, detector: 'path_traversal' | 'sensitive_path') =>
  detect(args, { tool }, { detectors: [detector], maxFindingsPerDetector: 1000 }).map((finding) => finding.detail);

describe('the shell path words the path detectors could flag', () => {
  it('are those with findings of their own: a command gets the findings of all its words, in order', () => {
    let flagged = 0;
    for (const command of [...randomCommands(400), ...otherScriptCommands()]) {
      for (const detector of ['path_traversal', 'sensitive_path'] as const) {
        const ofEachWord = new Set(wordsOf(command).flatMap((word) => details({ path: word }, 'note', detector)));
        flagged += ofEachWord.size;
        expect(details({ command }, 'run_command', detector)).toEqual([...ofEachWord]);
      }
    }
    expect(flagged).toBeGreaterThan(1000);
  });

  it('are the same whether every word that could be a path is gone through or only the words around units that may flag one', () => {
    for (const command of [...randomCommands(300), ...otherScriptCommands(), 'a\0b\0c/d', '\0\0etc/x', 'x/y\0etc \0', "'\0'.env", '\u0436\0\u0436/etc', 'etc\u0436 wi\u0436 .\u0436']) {
      expect(flaggableShellPathWords(command)).toEqual(flaggableWordsOfHints(command));
    }
  });

  it('are the words marked as such among all the words', () => {
    for (const command of [...randomCommands(200), ...otherScriptCommands()]) {
      expect(flaggableShellPathWords(command)).toEqual(shellPathWords(command).filter((word) => word.mayBeFlagged).map((word) => word.text));
    }
  });

  it('keep words whose compatibility characters or look-alikes spell a location or a traversal', () => {
    const command = 'cat \uff45\uff54\uff43/shadow \u3002env \u2025/x \u0436\u0436 \u4e2d\u6587/\u6587';
    expect(flaggableShellPathWords(command)).toEqual(['\uff45\uff54\uff43/shadow', '\u3002env', '\u2025/x']);
    expect(details({ command }, 'run_command', 'sensitive_path')).toEqual(['system account database', 'environment file (.env)']);
    expect(details({ command }, 'run_command', 'path_traversal')).toEqual(["'..' path segment after Unicode normalization"]);
  });

  it('leave out CJK prose, whose full stops and fullwidth punctuation inside a word name nothing', () => {
    const command = 'echo \u4e2d\u6587\u3002\u4e0b\u4e00\u53e5\uff0c\uff08\u2474\uff09\u3000/\u6587 \u3002env a/\u3002ssh/x';
    expect(wordsOf(command)).toHaveLength(3);
    expect(flaggableShellPathWords(command)).toEqual(['\u3002env', 'a/\u3002ssh/x']);
    expect(details({ command }, 'run_command', 'sensitive_path')).toEqual(['environment file (.env)', 'SSH keys and configuration (.ssh)']);
  });

  it('keep a segment only where it spells the start of a sensitive location, and "." only where it is not the whole segment', () => {
    const command = 'x https://en.wikipedia.org/wiki/X lib/a.js ./dist/x.js a/. a/etc etcx/y proc a/PROC/1 a/Etc/x Library/k ID_rsa x/_NETRC ntds.dit/ .x/y';
    expect(flaggableShellPathWords(command)).toEqual(['a/PROC/1', 'a/Etc/x', 'Library/k', 'ID_rsa', 'x/_NETRC', 'ntds.dit/', '.x/y']);
  });

  it('leave out plain URLs and dotted names, and keep every word with a finding', () => {
    const command = 'curl https://example.com/docs/api.html -o out/index.js && cat ~/.ssh/id_rsa lib/../x %2e%2e/y \uFF0E\uFF0E/z';
    expect(wordsOf(command)).toEqual(['https://example.com/docs/api.html', 'out/index.js', '~/.ssh/id_rsa', 'lib/../x', '%2e%2e/y', '\uFF0E\uFF0E/z']);
    expect(flaggableShellPathWords(command)).toEqual(['~/.ssh/id_rsa', 'lib/../x', '%2e%2e/y', '\uFF0E\uFF0E/z']);
  });
});
