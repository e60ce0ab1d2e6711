// End-to-end check of a running Hemi devnet with a real Ethereum client (ethers v6).
//
//   node e2e.mjs --rpc http://127.0.0.1:8545/rpc --key 0x<funded dev key> --hemibtc 0x<hemiBTC address> [--chain-id N]
//   (or env HEMI_RPC_URL, HEMI_DEV_KEY, HEMI_BTC_ADDRESS, HEMI_CHAIN_ID)
//
// Exit code 0 only when every check passed; every check is printed as it runs.

import { JsonRpcProvider, Wallet, Contract, parseEther, toQuantity, keccak256, ZeroAddress, getAddress } from "ethers";
import { verifyAccountProof, mappingSlot, ProofError } from "./mpt.mjs";

const ERC20_ABI = [
  "function transfer(address,uint256) returns (bool)",
  "function balanceOf(address) view returns (uint256)",
  "function decimals() view returns (uint8)",
  "event Transfer(address indexed from,address indexed to,uint256 value)",
];

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    const [name, inline] = a.slice(2).split("=", 2);
    out[name] = inline ?? argv[++i];
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const rpcUrl = args.rpc ?? process.env.HEMI_RPC_URL ?? "http://127.0.0.1:8545/rpc";
const devKey = args.key ?? process.env.HEMI_DEV_KEY;
const hemiBtcArg = args.hemibtc ?? process.env.HEMI_BTC_ADDRESS;
const expectedChainId = args["chain-id"] ?? process.env.HEMI_CHAIN_ID;
const balancesSlotIndex = BigInt(args["balances-slot"] ?? process.env.HEMI_BTC_BALANCES_SLOT ?? 0);
const receiptTimeoutMs = Number(args["timeout-ms"] ?? process.env.HEMI_RECEIPT_TIMEOUT_MS ?? 60000);

if (!devKey || !hemiBtcArg) {
  console.error("usage: node e2e.mjs --rpc URL --key 0xPRIVATEKEY --hemibtc 0xADDRESS [--chain-id N]");
  process.exit(2);
}

let passed = 0;
function check(condition, what) {
  if (!condition) throw new Error(`CHECK FAILED: ${what}`);
  passed++;
  console.log(`  ok  ${what}`);
}

async function waitReceipt(tx, what) {
  const receipt = await tx.wait(1, receiptTimeoutMs);
  if (receipt === null) throw new Error(`no receipt for ${what} (${tx.hash})`);
  return receipt;
}

async function main() {
  // A short polling interval: the devnet seals a block every second.
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: false, polling: true, pollingInterval: 250, batchMaxCount: 1 });
  const wallet = new Wallet(devKey, provider);
  const hemiBtcAddress = getAddress(hemiBtcArg);
  console.log(`rpc ${rpcUrl}, sender ${wallet.address}, hemiBTC ${hemiBtcAddress}`);

  console.log("chain id");
  const network = await provider.getNetwork();
  const rawChainId = BigInt(await provider.send("eth_chainId", []));
  check(network.chainId === rawChainId, `provider chainId ${network.chainId} equals eth_chainId`);
  if (expectedChainId !== undefined) {
    check(network.chainId === BigInt(expectedChainId), `chainId is the expected ${expectedChainId}`);
  }
  check(BigInt(await provider.send("net_version", [])) === rawChainId, "net_version matches the chain id");

  // ethers parses every transaction of a full block (getBlock(n, true), and tx.wait() when it scans for replacements)
  // and needs v/r/s on each; op-geth gives its unsigned deposit transactions zero v/r/s for that reason.
  console.log("full-block transaction shape");
  const rawHead = await provider.send("eth_getBlockByNumber", ["latest", true]);
  for (const tx of rawHead.transactions) {
    check(
      tx.r !== undefined && tx.s !== undefined && tx.v !== undefined,
      `tx ${tx.hash.slice(0, 10)}… (type ${tx.type}) in block ${BigInt(rawHead.number)} has v/r/s (ethers cannot parse it otherwise)`,
    );
  }

  console.log("ETH transfer to a fresh address");
  const ethTo = Wallet.createRandom().address;
  const value = parseEther("0.0123");
  const senderBefore = await provider.getBalance(wallet.address);
  const nonceBefore = await provider.getTransactionCount(wallet.address, "latest");
  check(senderBefore > value, `sender is funded (${senderBefore} wei)`);
  check((await provider.getBalance(ethTo)) === 0n, "fresh recipient starts at 0");
  const ethTx = await wallet.sendTransaction({ to: ethTo, value });
  check(ethTx.type === 2, "ethers sent an EIP-1559 transaction");
  const ethReceipt = await waitReceipt(ethTx, "the ETH transfer");
  check(ethReceipt.status === 1, `ETH transfer receipt status 1 (block ${ethReceipt.blockNumber})`);
  check(ethReceipt.hash === ethTx.hash, "receipt is for our transaction hash");
  check(ethReceipt.gasUsed === 21000n, `plain transfer used 21000 gas (${ethReceipt.gasUsed})`);
  const ethBlock = await provider.getBlock(ethReceipt.blockNumber);
  const gasPrice = ethReceipt.gasPrice;
  check(gasPrice >= ethBlock.baseFeePerGas, `effective gas price ${gasPrice} >= base fee ${ethBlock.baseFeePerGas}`);
  check(gasPrice <= ethTx.maxFeePerGas, `effective gas price <= maxFeePerGas ${ethTx.maxFeePerGas}`);
  check((await provider.getBalance(ethTo)) === value, `recipient holds exactly ${value} wei`);
  const senderAfter = await provider.getBalance(wallet.address, ethReceipt.blockNumber);
  const fee = ethReceipt.gasUsed * gasPrice;
  check(senderBefore - senderAfter === value + fee, `sender paid value + gasUsed*gasPrice = ${value + fee} wei exactly`);
  check((await provider.getTransactionCount(wallet.address, "latest")) === nonceBefore + 1, "sender nonce advanced by 1");
  const fetchedTx = await provider.getTransaction(ethTx.hash);
  check(fetchedTx !== null && fetchedTx.blockNumber === ethReceipt.blockNumber && fetchedTx.value === value, "eth_getTransactionByHash returns the mined transfer");

  console.log("hemiBTC ERC-20 transfer");
  const token = new Contract(hemiBtcAddress, ERC20_ABI, wallet);
  check((await token.decimals()) === 8n, "hemiBTC has 8 decimals");
  const tokenTo = Wallet.createRandom().address;
  const tokenBefore = await token.balanceOf(wallet.address);
  const amount = 12_345_678n; // 0.12345678 hemiBTC
  check(tokenBefore >= amount, `sender holds hemiBTC (${tokenBefore} sats)`);
  check((await token.balanceOf(tokenTo)) === 0n, "fresh token recipient starts at 0");
  const tokenTx = await token.transfer(tokenTo, amount);
  const tokenReceipt = await waitReceipt(tokenTx, "the hemiBTC transfer");
  check(tokenReceipt.status === 1, `hemiBTC transfer receipt status 1 (block ${tokenReceipt.blockNumber})`);
  check((await token.balanceOf(tokenTo)) === amount, `token recipient holds exactly ${amount}`);
  check((await token.balanceOf(wallet.address)) === tokenBefore - amount, "token sender balance dropped by exactly the amount");
  check(tokenReceipt.logs.length === 1 && tokenReceipt.logs[0].address === hemiBtcAddress, "receipt has one log from the token");

  console.log("Transfer log through a filter (eth_getLogs)");
  const events = await token.queryFilter(token.filters.Transfer(wallet.address, tokenTo), tokenReceipt.blockNumber, tokenReceipt.blockNumber);
  check(events.length === 1, `one Transfer(from=${wallet.address}, to=${tokenTo}) event in block ${tokenReceipt.blockNumber}`);
  const ev = events[0];
  check(ev.args.from === wallet.address && ev.args.to === tokenTo && ev.args.value === amount, "decoded Transfer args match");
  check(ev.transactionHash === tokenTx.hash && ev.blockHash === tokenReceipt.blockHash, "log points at our transaction and block");
  const otherEvents = await token.queryFilter(token.filters.Transfer(tokenTo, wallet.address), 0, tokenReceipt.blockNumber);
  check(otherEvents.length === 0, "a filter on the reverse direction finds nothing");

  console.log("blocks and parent-hash linkage");
  const head = tokenReceipt.blockNumber;
  const lowest = Math.max(0, Math.min(ethReceipt.blockNumber, head) - 3);
  let child = null;
  let sawTokenTx = false;
  for (let n = head; n >= lowest; n--) {
    const block = await provider.getBlock(n, true);
    check(block !== null && block.number === n, `block ${n} read with full transactions`);
    if (child !== null) check(child.parentHash === block.hash, `block ${n + 1}.parentHash == block ${n}.hash`);
    const byHash = await provider.getBlock(block.hash);
    check(byHash.hash === block.hash && byHash.number === n, `eth_getBlockByHash(${block.hash.slice(0, 10)}…) agrees`);
    for (const tx of block.prefetchedTransactions) {
      if (tx.hash === tokenTx.hash) sawTokenTx = tx.to === hemiBtcAddress;
    }
    child = block;
  }
  check(sawTokenTx, "the token transfer is among its block's full transactions");

  console.log("eth_getProof verified against the block's state root");
  const proofBlock = await provider.getBlock(tokenReceipt.blockNumber);
  const tag = toQuantity(proofBlock.number);
  const toSlot = mappingSlot(tokenTo, balancesSlotIndex);
  const fromSlot = mappingSlot(wallet.address, balancesSlotIndex);
  const tokenProof = await provider.send("eth_getProof", [hemiBtcAddress, [toSlot, fromSlot], tag]);
  const tokenSummary = verifyAccountProof(proofBlock.stateRoot, tokenProof);
  check(tokenSummary.present, `hemiBTC account proven present under stateRoot ${proofBlock.stateRoot}`);
  check(tokenSummary.codeHash === keccak256(await provider.getCode(hemiBtcAddress, tag)), "proven codeHash == keccak(eth_getCode)");
  check(tokenSummary.storage[0].value === amount, `storage proof: balanceOf(recipient) slot holds ${amount}`);
  check(tokenSummary.storage[1].value === tokenBefore - amount, "storage proof: balanceOf(sender) slot holds the new balance");
  const slotViaRpc = BigInt(await provider.getStorage(hemiBtcAddress, toSlot, proofBlock.number));
  check(slotViaRpc === amount, "eth_getStorageAt agrees with the storage proof");

  const senderProof = await provider.send("eth_getProof", [wallet.address, [], tag]);
  const senderSummary = verifyAccountProof(proofBlock.stateRoot, senderProof);
  check(senderSummary.nonce === BigInt(await provider.getTransactionCount(wallet.address, proofBlock.number)), `sender account proven, nonce ${senderSummary.nonce}`);
  check(senderSummary.balance === (await provider.getBalance(wallet.address, proofBlock.number)), "sender proven balance == eth_getBalance at that block");

  const ethToProof = await provider.send("eth_getProof", [ethTo, [], tag]);
  check(verifyAccountProof(proofBlock.stateRoot, ethToProof).balance === value, "ETH recipient proven with exactly the value sent");

  const nobody = Wallet.createRandom().address;
  const absentSummary = verifyAccountProof(proofBlock.stateRoot, await provider.send("eth_getProof", [nobody, [], tag]));
  check(!absentSummary.present, "a never-used address is proven absent (exclusion proof)");

  // The checker must not be vacuous: the same answers with one claim changed must be rejected.
  const rejects = (mutate, what) => {
    const copy = structuredClone(tokenProof);
    mutate(copy);
    try {
      verifyAccountProof(proofBlock.stateRoot, copy);
    } catch (e) {
      check(e instanceof ProofError, `tampered proof rejected: ${what} (${e.message})`);
      return;
    }
    throw new Error(`CHECK FAILED: a tampered proof was accepted (${what})`);
  };
  rejects((p) => (p.balance = toQuantity(BigInt(p.balance) + 1n)), "balance + 1");
  rejects((p) => (p.storageProof[0].value = toQuantity(amount + 1n)), "storage value + 1");
  rejects((p) => (p.accountProof = p.accountProof.slice(0, -1)), "last account node dropped");
  rejects((p) => {
    const last = p.accountProof.length - 1;
    const bytes = p.accountProof[last];
    const i = bytes.length - 3; // flip a nibble near the end (inside the account value)
    p.accountProof[last] = bytes.slice(0, i) + (bytes[i] === "0" ? "1" : "0") + bytes.slice(i + 1);
  }, "a byte of the leaf changed");
  rejects((p) => (p.address = ZeroAddress), "proof replayed for another address");

  console.log(`ALL ${passed} CHECKS PASSED`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    console.error(`FAILED after ${passed} passing check(s)`);
    process.exit(1);
  },
);
