// Merkle-Patricia proof verification (EIP-1186 eth_getProof answers) with ethers' keccak256 and RLP decoding.
// Independent of the server's code on purpose: the proof is checked from the block's state root down,
// node by node, so a wrong root, a tampered node, a wrong path or a wrong claimed value all fail.

import { keccak256, decodeRlp, encodeRlp, getBytes, hexlify, zeroPadValue, toBeHex, concat } from "ethers";

/** keccak256("") — the code hash of an account without code. */
export const EMPTY_CODE_HASH = "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";
/** keccak256(rlp("")) — the root of an empty trie. */
export const EMPTY_TRIE_ROOT = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";

/** A proof that does not prove what it claims; `reason` says where it broke. */
export class ProofError extends Error {
  constructor(message) {
    super(message);
    this.name = "ProofError";
  }
}

function nibblesOf(bytes) {
  const out = new Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    out[2 * i] = bytes[i] >> 4;
    out[2 * i + 1] = bytes[i] & 0x0f;
  }
  return out;
}

// Hex-prefix (compact) path decoding: the first nibble's bit 1 marks a leaf, bit 0 an odd length.
function decodeCompactPath(hex) {
  const bytes = getBytes(hex);
  if (bytes.length === 0) throw new ProofError("empty compact path");
  const flag = bytes[0] >> 4;
  if (flag > 3) throw new ProofError(`bad hex-prefix flag ${flag}`);
  const isLeaf = (flag & 2) !== 0;
  const odd = (flag & 1) !== 0;
  if (!odd && (bytes[0] & 0x0f) !== 0) throw new ProofError("even hex-prefix path with a non-zero padding nibble");
  const all = nibblesOf(bytes);
  return { isLeaf, path: all.slice(odd ? 1 : 2) };
}

function startsWith(key, offset, path) {
  if (key.length - offset < path.length) return false;
  for (let i = 0; i < path.length; i++) if (key[offset + i] !== path[i]) return false;
  return true;
}

/**
 * Walks `proof` (array of hex RLP nodes) from `rootHash` along the nibbles of `key` (bytes).
 * Returns the value's raw bytes (hex) if the key is present, or null if the proof shows the key is absent.
 * Throws ProofError when the proof is inconsistent with the root.
 */
export function verifyTrieProof(rootHash, key, proof) {
  if (!Array.isArray(proof)) throw new ProofError("proof is not an array");
  const keyNibbles = nibblesOf(getBytes(key));
  let expectedHash = rootHash.toLowerCase();
  let offset = 0;
  let index = 0;
  let node = null; // decoded node to process next (set when an embedded node is followed)

  // The root is referenced by hash even when its encoding is short; deeper nodes of < 32 bytes are embedded in their parent.
  for (;;) {
    if (node === null) {
      if (index >= proof.length) throw new ProofError(`proof ends after ${index} node(s) before reaching the key`);
      const encoded = proof[index];
      const actual = keccak256(encoded).toLowerCase();
      if (actual !== expectedHash) {
        throw new ProofError(`node ${index} hashes to ${actual}, expected ${expectedHash}`);
      }
      node = decodeRlp(encoded);
      index++;
    }
    if (!Array.isArray(node)) throw new ProofError(`node ${index - 1} is not an RLP list`);

    let next;
    if (node.length === 17) {
      if (offset === keyNibbles.length) {
        const value = node[16];
        return finish(value === "0x" ? null : value);
      }
      next = node[keyNibbles[offset]];
      offset++;
    } else if (node.length === 2) {
      if (Array.isArray(node[0])) throw new ProofError("node path is a list");
      const { isLeaf, path } = decodeCompactPath(node[0]);
      if (isLeaf) {
        const matches = keyNibbles.length - offset === path.length && startsWith(keyNibbles, offset, path);
        if (Array.isArray(node[1])) throw new ProofError("leaf value is a list");
        return finish(matches ? node[1] : null);
      }
      if (!startsWith(keyNibbles, offset, path)) return finish(null);
      offset += path.length;
      next = node[1];
    } else {
      throw new ProofError(`node has ${node.length} items (a trie node has 2 or 17)`);
    }

    if (Array.isArray(next)) {
      // Embedded child: it lives inside its parent, so there is no separate proof node to hash.
      node = next;
      continue;
    }
    const ref = getBytes(next);
    if (ref.length === 0) return finish(null);
    if (ref.length !== 32) throw new ProofError(`child reference of ${ref.length} bytes (expected 32 or an embedded list)`);
    expectedHash = hexlify(ref).toLowerCase();
    node = null;
  }

  function finish(value) {
    if (index !== proof.length) throw new ProofError(`${proof.length - index} proof node(s) left over after the key was resolved`);
    return value;
  }
}

function quantity(hex) {
  return BigInt(hex === "0x" ? 0 : hex);
}

/**
 * Verifies an eth_getProof answer against `stateRoot`: the account proof (keccak(address) path), the claimed
 * nonce/balance/storageHash/codeHash, then every storage proof against storageHash. Returns a summary.
 */
export function verifyAccountProof(stateRoot, result) {
  const address = result.address;
  const value = verifyTrieProof(stateRoot, keccak256(address), result.accountProof);
  const claimed = {
    nonce: BigInt(result.nonce),
    balance: BigInt(result.balance),
    storageHash: result.storageHash.toLowerCase(),
    codeHash: result.codeHash.toLowerCase(),
  };
  let proven;
  if (value === null) {
    proven = { nonce: 0n, balance: 0n, storageHash: EMPTY_TRIE_ROOT, codeHash: EMPTY_CODE_HASH };
  } else {
    const fields = decodeRlp(value);
    if (!Array.isArray(fields) || fields.length !== 4 || fields.some(Array.isArray)) {
      throw new ProofError("account value is not rlp([nonce, balance, storageRoot, codeHash])");
    }
    proven = {
      nonce: quantity(fields[0]),
      balance: quantity(fields[1]),
      storageHash: fields[2].toLowerCase(),
      codeHash: fields[3].toLowerCase(),
    };
  }
  for (const field of ["nonce", "balance", "storageHash", "codeHash"]) {
    if (proven[field] !== claimed[field]) {
      throw new ProofError(`account ${field}: proof says ${proven[field]}, answer claims ${claimed[field]}`);
    }
  }

  const storage = [];
  for (const entry of result.storageProof ?? []) {
    const slot = zeroPadValue(toBeHex(BigInt(entry.key)), 32);
    const raw = verifyTrieProof(claimed.storageHash, keccak256(slot), entry.proof);
    let provenValue = 0n;
    if (raw !== null) {
      const decoded = decodeRlp(raw);
      if (Array.isArray(decoded)) throw new ProofError(`storage ${slot}: value is a list`);
      provenValue = quantity(decoded);
      if (provenValue === 0n) throw new ProofError(`storage ${slot}: a zero value is stored instead of being absent`);
    }
    if (provenValue !== BigInt(entry.value)) {
      throw new ProofError(`storage ${slot}: proof says ${provenValue}, answer claims ${BigInt(entry.value)}`);
    }
    storage.push({ slot, value: provenValue, present: raw !== null });
  }
  return { present: value !== null, ...proven, storage };
}

/** Solidity's `mapping(address => uint256)` slot of `holder` for a mapping declared at slot `index`. */
export function mappingSlot(holder, index) {
  return keccak256(concat([zeroPadValue(holder, 32), zeroPadValue(toBeHex(index), 32)]));
}

// Re-exported so callers can build tampered proofs in the self-test without another import.
export { encodeRlp, decodeRlp };
