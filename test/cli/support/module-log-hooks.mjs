// Module customization hooks: append the URL of every module loaded to the file named by $TOOLGATE_MODULE_LOG.
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  appendFileSync(process.env.TOOLGATE_MODULE_LOG, `${url}\n`);
  return nextLoad(url, context);
}
