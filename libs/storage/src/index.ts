/**
 * Storage: the bytes of evidence files and generated reports, content-addressed by sha256 with
 * size and type limits (type sniffed from the content). Inject `FILE_STORAGE`; metadata such as
 * the user's file name belongs to the context that references the sha256, not here.
 */
export { FILE_STORAGE, type FileStorage, type StoredFile } from './file-storage.port';
export { LocalDiskStorage } from './local-disk.storage';
export {
  ALLOWED_EVIDENCE_TYPES,
  OLE2_MEDIA_TYPE,
  SNIFF_BYTES,
  type SniffedType,
  sniffMediaType,
} from './media-type.sniffer';
export { StorageModule } from './storage.module';
export { type ArchivePolicy, DEFAULT_ARCHIVE_POLICY } from './office-container';
export { StorageErrors } from './storage.errors';
export { receiveOneFile, type ReceivedFile } from './multipart-intake';
export {
  decodeUtf8OrGb18030,
  readZipDirectory,
  readZipEntry,
  readZipLayout,
  ZipFormatError,
  type ZipEntry,
} from './zip-directory';
export { UploadIntake, type UploadPlan, plainFileName } from './upload-intake';
