/** `pnpm --filter @zvm/example-hedera-node start`: the quick start against `pnpm zvm node` on its default ports. */
import { quickstart } from './quickstart.ts'

await quickstart({ grpc: process.env.ZVM_NODE_GRPC ?? '127.0.0.1:50211', mirror: process.env.ZVM_NODE_MIRROR ?? 'http://127.0.0.1:5551/api/v1' }, (line) => console.log(line))
