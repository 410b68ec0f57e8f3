// Reference server for the load benchmark (scripts/bench).
//
// Serves the bytes of one file, read once at start-up, as a constant answer to every GET on
// any path, with the same content type as qsm's JSON answers. It is the "plain Node framework"
// anchor: whatever qsm spends on routing, sessions, SQL and JSON, this server does not.
//
//   node fastify.mjs --port 18081 --file /tmp/qsm-bench/run-2000/www/list.json
//
// Prints "listening on http://127.0.0.1:PORT" once it accepts connections; stops on SIGTERM.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    file: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
if (!args.port || !args.file) {
  console.error('usage: node fastify.mjs --port PORT --file BODY [--host 127.0.0.1]');
  process.exit(2);
}

const body = readFileSync(args.file); // a Buffer: sent as is, never re-encoded
const contentType = 'application/json; charset=utf-8';

const app = Fastify({ logger: false });
app.get('/*', (request, reply) => {
  reply.type(contentType).send(body);
});

// Leave cleanly on SIGTERM/SIGINT so the bench script's cleanup sees a normal exit.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    app.close().then(() => process.exit(0));
  });
}

try {
  await app.listen({ port: Number(args.port), host: args.host });
  console.log(`listening on http://${args.host}:${args.port} (${body.length} bytes)`);
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
