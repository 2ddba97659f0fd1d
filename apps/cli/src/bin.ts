#!/usr/bin/env node
/** Process entry point of `zvm`: see main.ts. */
import { main } from './main.ts'

process.exitCode = await main(process.argv.slice(2))
