/**
 * The Hedera quick start, with the unmodified @hashgraph/sdk against a local
 * network (`pnpm zvm node`): a user account, a Solidity contract that
 * creates an HTS token and pays rewards in it, the contract's events and
 * records, a local call, and HCS messages read back from the mirror REST.
 */
import {
  AccountBalanceQuery, AccountCreateTransaction, Client, ContractCallQuery, ContractCreateFlow, ContractExecuteTransaction, ContractFunctionParameters,
  Hbar, PrivateKey, TokenAssociateTransaction, TokenId, TopicCreateTransaction, TopicMessageSubmitTransaction,
} from '@hashgraph/sdk'
import { compileRewards } from './compile.ts'

export interface Endpoints {
  /** The consensus node, `127.0.0.1:50211` for `pnpm zvm node`. */
  grpc: string
  /** The mirror REST base, `http://127.0.0.1:5551/api/v1`. */
  mirror: string
}

/** hiero-local-node's (and `zvm node`'s) operator 0.0.2 and its well-known key. */
const OPERATOR_ID = '0.0.2'
const OPERATOR_KEY = '91132178e72057a1d7528025956fe39b0b847f200ab59b2fdd367017f3087137'

export async function quickstart(at: Endpoints, log: (line: string) => void): Promise<void> {
  const client = Client.forNetwork({ [at.grpc]: '0.0.3' }, { scheduleNetworkUpdate: false })
  client.setOperator(OPERATOR_ID, PrivateKey.fromStringED25519(OPERATOR_KEY))
  try {
    // A user with an ECDSA key and its EVM alias.
    const userKey = PrivateKey.generateECDSA()
    const user = (await (await new AccountCreateTransaction().setECDSAKeyWithAlias(userKey).setInitialBalance(new Hbar(5))
      .execute(client)).getReceipt(client)).accountId!
    log(`user ${user} created`)

    // Deploy the contract: ContractCreateFlow uploads the bytecode to a file, then creates the contract from it.
    const contractId = (await (await new ContractCreateFlow().setBytecode(compileRewards()).setGas(2_000_000).execute(client)).getReceipt(client)).contractId!
    log(`contract ${contractId} deployed`)

    // The contract creates its HTS token: msg.value pays the network's $1 create fee.
    const created = await (await new ContractExecuteTransaction().setContractId(contractId).setGas(1_000_000).setPayableAmount(new Hbar(20))
      .setFunction('createToken').execute(client)).getRecord(client)
    const tokenAddress = `0x${Buffer.from(created.contractFunctionResult!.logs[0].data).subarray(12, 32).toString('hex')}`
    const tokenId = TokenId.fromSolidityAddress(tokenAddress)
    log(`token ${tokenId} created by the contract (fee ${created.transactionFee.toString()})`)

    // The user associates the token (signed by the user's key), then the contract rewards them through HTS.
    await (await (await new TokenAssociateTransaction().setAccountId(user).setTokenIds([tokenId]).freezeWith(client).sign(userKey))
      .execute(client)).getReceipt(client)
    const rewarded = await (await new ContractExecuteTransaction().setContractId(contractId).setGas(1_000_000)
      .setFunction('reward', new ContractFunctionParameters().addAddress(user.toSolidityAddress()).addInt64(250))
      .execute(client)).getRecord(client)
    const event = rewarded.contractFunctionResult!.logs.find((l) => l.topics.length === 2)!
    log(`Rewarded event: to 0x${Buffer.from(event.topics[1]).subarray(12).toString('hex')}, amount ${BigInt(`0x${Buffer.from(event.data).toString('hex')}`)}; gas used ${rewarded.contractFunctionResult!.gasUsed}`)

    const balance = await new AccountBalanceQuery().setAccountId(user).execute(client)
    log(`user holds ${balance.tokens!.get(tokenId)!.toString()} RWD`)
    const paid = await new ContractCallQuery().setContractId(contractId).setGas(50_000).setFunction('totalPaid').execute(client)
    log(`contract says totalPaid = ${paid.getInt64(0).toString()}`)

    // HCS: a topic, two messages, read back from the mirror REST.
    const topicId = (await (await new TopicCreateTransaction().setTopicMemo('quick start').execute(client)).getReceipt(client)).topicId!
    for (const message of ['hello', 'hedera']) {
      await (await new TopicMessageSubmitTransaction().setTopicId(topicId).setMessage(message).execute(client)).getReceipt(client)
    }
    const res = await fetch(`${at.mirror}/topics/${topicId.toString()}/messages`)
    const { messages } = (await res.json()) as { messages: Array<{ sequence_number: number; message: string }> }
    log(`topic ${topicId}: ${messages.map((m) => `#${m.sequence_number} ${Buffer.from(m.message, 'base64').toString()}`).join(', ')}`)
  } finally {
    client.close()
  }
}
