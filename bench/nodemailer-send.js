// bench/nodemailer-send.js PORT COUNT CONNECTIONS RAW_FILE — nodemailer's pooled SMTP transport sending COUNT
// copies of RAW_FILE (one per generated person) to 127.0.0.1:PORT over CONNECTIONS reused connections,
// all handed to the pool at once, as a mass sender does. Exits 1 if any message was not accepted.
'use strict';
const fs = require('fs');
const nodemailer = require('nodemailer');

const [port, count, connections, rawFile] = process.argv.slice(2);
const raw = fs.readFileSync(rawFile);
const transport = nodemailer.createTransport({
  host: '127.0.0.1',
  port: Number(port),
  secure: false,
  ignoreTLS: true,
  pool: true,
  maxConnections: Number(connections),
  maxMessages: Infinity,
});

const sends = [];
for (let i = 0; i < Number(count); i++) {
  const to = `lecteur${String(i).padStart(6, '0')}@example.org`;
  sends.push(transport.sendMail({ envelope: { from: 'bulletin@imrap-mali.org', to: [to] }, raw }));
}
Promise.allSettled(sends).then((results) => {
  transport.close();
  const failed = results.filter((r) => r.status !== 'fulfilled');
  if (failed.length > 0) {
    console.error(`nodemailer: ${failed.length} of ${count} not sent: ${failed[0].reason}`);
    process.exit(1);
  }
});
