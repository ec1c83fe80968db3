#ifndef SURVEY_C_FILE_SYSTEM_H
#define SURVEY_C_FILE_SYSTEM_H

/// Swaps two paths atomically (Linux renameat2 with RENAME_EXCHANGE, macOS renamex_np with RENAME_SWAP): a reader
/// sees one or the other, never neither. Returns 0, or -1 with errno set (EINVAL/ENOSYS/ENOTSUP where the file
/// system cannot exchange).
int survey_exchange_paths(const char *from, const char *to);

#endif
