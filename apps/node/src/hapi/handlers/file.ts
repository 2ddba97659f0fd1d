/** FileService transactions: create, append, delete (files live beside the ledger). */
import { proto } from '@hashgraph/proto'
import type { Handler, TxContext } from '../context.ts'
import { entityIdOf, num, toFileID } from '../ids.ts'
import { isSignedBy, keyFromProto } from '../keys.ts'

const RC = proto.ResponseCodeEnum
/** Hedera's file size limit. */
export const MAX_FILE_BYTES = 1024 * 1024

function liveFile(ctx: TxContext, id: proto.IFileID | null | undefined) {
  const fileId = entityIdOf(id as Record<string, unknown>, 'fileNum')
  const file = fileId === undefined ? undefined : ctx.files.get(fileId)
  if (!file) return RC.INVALID_FILE_ID
  if (file.deleted) return RC.FILE_DELETED
  return file
}

const createFile: Handler = (ctx) => {
  const b = ctx.body.fileCreate!
  const keys = b.keys?.keys ?? []
  const key = keys.length === 0 ? undefined : keyFromProto(keys.length === 1 ? keys[0] : { keyList: { keys } })
  if (keys.length > 0 && key === undefined) return { status: RC.INVALID_SIGNATURE }
  const contents = b.contents ?? new Uint8Array()
  if (contents.length > MAX_FILE_BYTES) return { status: RC.MAX_FILE_SIZE_EXCEEDED }
  const id = ctx.newFileId()
  ctx.files.set(id, { id, contents: Uint8Array.from(contents), key, memo: b.memo ?? '', expiry: num(b.expirationTime?.seconds) || ctx.consensus.seconds + 7_776_000n, deleted: false })
  return { status: RC.SUCCESS, receipt: { fileID: toFileID(id) } }
}

const appendFile: Handler = (ctx) => {
  const b = ctx.body.fileAppend!
  const file = liveFile(ctx, b.fileID)
  if (typeof file === 'number') return { status: file }
  if (file.key === undefined) return { status: RC.UNAUTHORIZED }
  if (!isSignedBy(file.key, ctx.signers)) return { status: RC.INVALID_SIGNATURE }
  const more = b.contents ?? new Uint8Array()
  if (file.contents.length + more.length > MAX_FILE_BYTES) return { status: RC.MAX_FILE_SIZE_EXCEEDED }
  const joined = new Uint8Array(file.contents.length + more.length)
  joined.set(file.contents)
  joined.set(more, file.contents.length)
  const before = file.contents
  file.contents = joined
  ctx.onRevert(() => { file.contents = before })
  return { status: RC.SUCCESS, receipt: { fileID: b.fileID } }
}

const deleteFile: Handler = (ctx) => {
  const b = ctx.body.fileDelete!
  const file = liveFile(ctx, b.fileID)
  if (typeof file === 'number') return { status: file }
  if (file.key === undefined) return { status: RC.UNAUTHORIZED }
  if (!isSignedBy(file.key, ctx.signers)) return { status: RC.INVALID_SIGNATURE }
  file.deleted = true
  ctx.onRevert(() => { file.deleted = false })
  return { status: RC.SUCCESS, receipt: { fileID: b.fileID } }
}

export const FILE_HANDLERS: Record<string, Handler> = { fileCreate: createFile, fileAppend: appendFile, fileDelete: deleteFile }
