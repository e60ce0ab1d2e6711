// Offline proof checker.
//   node verify-proof.mjs <file.json>           file: {"stateRoot": "0x…", "proof": <an eth_getProof result>}
//       exit 0 and a summary when the proof holds against the root; exit 1 with the reason otherwise.
//   node verify-proof.mjs --each <file.json>    file: [{stateRoot, proof} | {root, key, nodes}, …]
//       prints one JSON array of {"ok": true} / {"ok": false, "reason": "…"} (one per case); exit 0.
//       A raw trie case ({root, key, nodes}: a plain, unhashed key) also reports "value": hex or null (absent).
// Exit 2 for bad usage or an unreadable file.

import { readFileSync } from "node:fs";
import { verifyAccountProof, verifyTrieProof } from "./mpt.mjs";

const each = process.argv[2] === "--each";
const file = process.argv[each ? 3 : 2];
if (!file) {
  console.error("usage: node verify-proof.mjs [--each] <file.json>");
  process.exit(2);
}

let input;
try {
  input = JSON.parse(readFileSync(file, "utf8"));
} catch (e) {
  console.error(`cannot read ${file}: ${e.message}`);
  process.exit(2);
}

if (each) {
  if (!Array.isArray(input)) {
    console.error("--each expects a JSON array of {stateRoot, proof}");
    process.exit(2);
  }
  const results = input.map((c) => {
    try {
      if (c.nodes !== undefined) return { ok: true, value: verifyTrieProof(c.root, c.key, c.nodes) };
      verifyAccountProof(c.stateRoot, c.proof);
      return { ok: true };
    } catch (e) {
      return { ok: false, reason: `${e.name}: ${e.message}` };
    }
  });
  console.log(JSON.stringify(results));
  process.exit(0);
}

try {
  const summary = verifyAccountProof(input.stateRoot, input.proof);
  console.log(
    `proof OK: account ${input.proof.address} ${summary.present ? "present" : "absent"} nonce=${summary.nonce} ` +
      `balance=${summary.balance} storageHash=${summary.storageHash} codeHash=${summary.codeHash}`,
  );
  for (const s of summary.storage) {
    console.log(`  slot ${s.slot} = ${s.value} (${s.present ? "present" : "absent"})`);
  }
  process.exit(0);
} catch (e) {
  console.error(`proof REJECTED: ${e.message}`);
  process.exit(1);
}
