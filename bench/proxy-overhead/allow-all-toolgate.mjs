// toolgate's stdio proxy exactly as `toolgate protect` runs it (runProxyOnStdio
// from the build), with an allow-all decider instead of a compiled policy, so
// the proxy's own cost is measured.
import './usage-probe.mjs';
import { runProxyOnStdio } from '../../dist/proxy/index.js';

const [command, ...args] = process.argv.slice(2);
const allowAll = { decide: () => ({ allow: true, reasons: [] }) };
process.exit(await runProxyOnStdio({ command, args, decider: allowAll }));
