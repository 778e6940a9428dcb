//! Splitting per-entry work across the machine's cores.
//!
//! Loading and indexing 100,000 entries does the same independent work for every entry
//! (checking it, cutting its text into tokens), so natively it is spread over a few scoped
//! threads, one contiguous chunk of entries each. In the browser (wasm32 without threads) and
//! for small directories, where starting threads would cost more than it saves, the work runs
//! on the calling thread. Either way the result is the same: chunks are returned in order.

/// Fewer entries than this per thread are not worth a thread of their own.
const MIN_ENTRIES_PER_THREAD: usize = 4_096;

/// At most this many threads: beyond it, merging the chunks' results costs more than it saves.
const MAX_THREADS: usize = 4;

/// How many chunks to split `len` items into.
fn chunk_count(len: usize) -> usize {
    thread_count(len / MIN_ENTRIES_PER_THREAD)
}

/// How many threads to use for work worth `useful` threads at most.
fn thread_count(useful: usize) -> usize {
    #[cfg(target_arch = "wasm32")]
    let cores = 1;
    #[cfg(not(target_arch = "wasm32"))]
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    cores.min(MAX_THREADS).min(useful).max(1)
}

/// Calls `work(offset, chunk)` for contiguous chunks of `items` (`offset` is the index of the
/// chunk's first item) and returns the results in chunk order. Results may borrow from `items`.
pub(crate) fn map_chunks<'items, T: Sync, R: Send>(
    items: &'items [T],
    work: impl Fn(usize, &'items [T]) -> R + Sync,
) -> Vec<R> {
    let size = chunk_size(items.len());
    let chunks = items.chunks(size.max(1)).enumerate();
    run_scoped(chunks, |(number, chunk)| work(number * size, chunk))
}

/// Like [`map_chunks`], with each chunk lent mutably to its thread.
pub(crate) fn map_chunks_mut<T: Send, R: Send>(
    items: &mut [T],
    work: impl Fn(usize, &mut [T]) -> R + Sync,
) -> Vec<R> {
    let size = chunk_size(items.len());
    let chunks = items.chunks_mut(size.max(1)).enumerate();
    run_scoped(chunks, |(number, chunk)| work(number * size, chunk))
}

/// How many of `len` items each chunk gets.
fn chunk_size(len: usize) -> usize {
    len.div_ceil(chunk_count(len))
}

/// Fewer bytes of JSON than this per thread are not worth a thread of their own (about 3,000
/// entries).
const MIN_BYTES_PER_THREAD: usize = 2 << 20;

/// How many parts to read `bytes` bytes of JSON in, one thread each.
pub(crate) fn part_count(bytes: usize) -> usize {
    thread_count(bytes / MIN_BYTES_PER_THREAD)
}

/// Calls `work(part)` for each part number below `parts` and returns the results in order.
pub(crate) fn map_parts<R: Send>(parts: usize, work: impl Fn(usize) -> R + Sync) -> Vec<R> {
    run_scoped(0..parts, work)
}

/// Runs `work` on every task, the first on the calling thread and the rest on scoped threads.
#[cfg(not(target_arch = "wasm32"))]
fn run_scoped<Task: Send, R: Send>(
    tasks: impl Iterator<Item = Task>,
    work: impl Fn(Task) -> R + Sync,
) -> Vec<R> {
    let mut tasks = tasks;
    let work = &work;
    std::thread::scope(|scope| {
        let first = tasks.next();
        let others: Vec<_> = tasks.map(|task| scope.spawn(move || work(task))).collect();
        let mut results = Vec::with_capacity(others.len() + 1);
        results.extend(first.map(work));
        for handle in others {
            // A panic in a worker is a bug; re-raise it here rather than lose it.
            results.push(
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        results
    })
}

/// Runs `work` on every task in turn (the browser has no threads here).
#[cfg(target_arch = "wasm32")]
fn run_scoped<Task, R>(tasks: impl Iterator<Item = Task>, work: impl Fn(Task) -> R) -> Vec<R> {
    tasks.map(work).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_every_item_once_in_order() {
        for len in [0, 1, 4_095, 4_096, 10_000, 50_001] {
            let items: Vec<usize> = (0..len).collect();
            let chunks = map_chunks(&items, |offset, chunk| {
                assert!(
                    chunk
                        .iter()
                        .enumerate()
                        .all(|(i, &item)| item == offset + i)
                );
                chunk.to_vec()
            });
            assert_eq!(chunks.concat(), items, "{len} items");
        }
    }
}
