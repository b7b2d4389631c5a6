import express from 'express';

/** The baseline of the benchmark: Express 5 answering a JSON POST with 202 and no storage at all. */
const app = express();
app.post('/v1/usage', express.json({ limit: '1mb' }), (req, res) => {
  res.status(202).json({ accepted: Array.isArray(req.body) ? req.body.length : 1, duplicates: 0 });
});
const server = app.listen(Number(process.env.METERING_PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ message: 'metering sidecar listening', url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
