// The built toolgate CLI, unchanged, plus the benchmark's usage probe.
import './usage-probe.mjs';
await import('../../dist/cli/main.js');
