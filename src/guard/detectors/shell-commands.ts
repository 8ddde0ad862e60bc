/**
 * Programs an injected command typically starts with. A word after a shell
 * operator is only treated as a command when it is one of these or a path to
 * an executable, so prose such as "Tom & Jerry" is not a command. Programs
 * named by everyday words (more, less, head, make, type, net) are left out:
 * "Q&A; more to come" is prose.
 */
export const knownCommands = new Set(
  `sh bash zsh dash ksh csh tcsh fish busybox env exec eval source nohup setsid timeout xargs sudo su doas
  cat tac nl od xxd hexdump strings base64 base32 tee cp mv rm rmdir mkdir touch chmod chown chgrp ln ls
  find locate grep egrep fgrep rg awk gawk sed perl python python2 python3 ruby node nodejs deno bun php lua java
  curl wget nc ncat netcat socat telnet ssh scp sftp rsync ftp tftp openssl dig nslookup ping traceroute
  id whoami uname hostname ifconfig ip netstat ps kill pkill killall crontab systemctl service reboot shutdown halt poweroff
  mount umount dd mkfs fdisk useradd userdel usermod passwd chpasswd printenv echo printf sleep
  tar zip unzip gzip gunzip bzip2 xz git npm npx pip pip3 apt apt-get yum dnf apk brew gcc cc
  powershell pwsh cmd certutil bitsadmin mshta rundll32 regsvr32 wmic schtasks cscript wscript icacls
  takeown vssadmin bcdedit iwr irm iex invoke-webrequest invoke-expression invoke-restmethod start-process`
    .split(/\s+/)
    .filter(Boolean),
);

/** The known command names, with a table of their shapes (length, first and last character) so most words are turned down without being copied. */
export class KnownCommands {
  /** Bit `length` (below 32) of entry `first * 128 + last` is set when a name has that length, first and last ASCII character. */
  private readonly shapes = new Uint32Array(128 * 128);
  readonly longest: number;
  /** Whether every name is ASCII. */
  readonly ascii: boolean;
  /** 1 for each lowercase ASCII character a file name standing for a known command may end with. */
  private readonly lastCharacters = new Uint8Array(128);
  /** The names by `nameHash`. */
  private readonly byHash = new Map<number, string[]>();

  constructor(readonly names: ReadonlySet<string>) {
    for (const name of names) {
      const hash = nameHash(name);
      this.byHash.set(hash, [...(this.byHash.get(hash) ?? []), name]);
      const first = name.charCodeAt(0);
      const last = name.charCodeAt(name.length - 1);
      if (name.length < 32 && first < 128 && last < 128) this.shapes[first * 128 + last] |= 1 << name.length;
    }
    this.longest = Math.max(0, ...[...names].map((name) => name.length));
    this.ascii = [...names].every((name) => /^[\x00-\x7f]*$/.test(name));
    // `mayHave` takes a name of 32 characters or more for any shape; ".exe" ends in "e".
    if (this.longest + 4 >= 32) this.lastCharacters.fill(1);
    for (const name of names) if (name.charCodeAt(name.length - 1) < 128) this.lastCharacters[name.charCodeAt(name.length - 1)] = 1;
    this.lastCharacters[101] = 1;
  }

  /** The known command a program's file name stands for (in any case, with or without ".exe"). */
  named(base: string): string | undefined {
    // Lower-casing never shortens a text (a test checks every code point) and ".exe" is 4 characters:
    // a longer file name cannot stand for a known command, however long the text it came from.
    if (base.length > this.longest + 4) return undefined;
    const name = base.toLowerCase();
    const command = name.endsWith('.exe') ? name.slice(0, -4) : name;
    return this.names.has(command) ? command : undefined;
  }

  /**
   * `names.has(lower-cased text of units[start, end))`, for ASCII units, without
   * copying them: the name itself (the same string every time) or undefined.
   */
  nameAt(units: Uint16Array, start: number, end: number): string | undefined {
    const candidates = this.byHash.get(lowerUnitsHash(units, start, end));
    if (candidates === undefined) return undefined;
    for (const name of candidates) if (spells(units, start, end, name)) return name;
    return undefined;
  }

  /** Whether a file name ending in this lowercase ASCII character may stand for a known command (with or without ".exe"). */
  mayEndWith(last: number): boolean {
    return this.lastCharacters[last] === 1;
  }

  /** Writes `shapes` (little-endian) and `lastCharacters` where the kernel `shellEvents` reads them (shell-kernels.as.ts). */
  writeShapes(memory: DataView, shapesAddress: number, lastCharactersAddress: number): void {
    this.shapes.forEach((shape, k) => memory.setUint32(shapesAddress + 4 * k, shape, true));
    new Uint8Array(memory.buffer).set(this.lastCharacters, lastCharactersAddress);
  }

  /** Whether a lowercase ASCII name of this shape may be known (one of 32 characters or more always may). */
  mayHave(length: number, first: number, last: number): boolean {
    return length >= 32 || ((this.shapes[first * 128 + last] >>> length) & 1) === 1;
  }
}

const lowerAscii = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);

/** A hash of a name's characters, equal to `lowerUnitsHash` of any spelling of it in ASCII units. */
function nameHash(name: string): number {
  let hash = name.length;
  for (let i = 0; i < name.length; i++) hash = (Math.imul(hash, 31) + name.charCodeAt(i)) | 0;
  return hash;
}

function lowerUnitsHash(units: Uint16Array, start: number, end: number): number {
  let hash = end - start;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + lowerAscii(units[i])) | 0;
  return hash;
}

/** Whether the ASCII units [start, end), lower-cased, are `name`. */
function spells(units: Uint16Array, start: number, end: number, name: string): boolean {
  if (name.length !== end - start) return false;
  for (let i = 0; i < name.length; i++) if (lowerAscii(units[start + i]) !== name.charCodeAt(i)) return false;
  return true;
}

const tables = new WeakMap<ReadonlySet<string>, KnownCommands>();

/** The table of a set of command names, made once per set. */
export function commandTable(names: ReadonlySet<string>): KnownCommands {
  let table = tables.get(names);
  if (table === undefined) tables.set(names, (table = new KnownCommands(names)));
  return table;
}
