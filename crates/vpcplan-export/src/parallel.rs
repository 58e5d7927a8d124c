//! Independent pieces of an export (one stack's template, one script) made
//! on all cores of a native build, in the order of their indices whatever
//! finishes first. WebAssembly in the browser has one thread, so there the
//! pieces are made one after the other.

/// `(0..count).map(make).collect()`, spread over the machine's cores.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn map_in_order<T, F>(count: usize, make: F) -> Vec<T>
where
    T: Send,
    F: Fn(usize) -> T + Sync,
{
    use std::sync::atomic::{AtomicUsize, Ordering};

    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(count);
    if workers <= 1 {
        return (0..count).map(make).collect();
    }
    // Each worker takes the next index left, so a long piece does not hold
    // back the short ones queued behind it.
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= count {
                return done;
            }
            done.push((index, make(index)));
        }
    };
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        // A helper the system cannot start leaves its share to the others.
        let helpers: Vec<_> = (1..workers)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut done = work();
        for helper in helpers {
            match helper.join() {
                Ok(theirs) => done.extend(theirs),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, piece)| piece).collect()
}

#[cfg(target_arch = "wasm32")]
pub(crate) fn map_in_order<T, F>(count: usize, make: F) -> Vec<T>
where
    F: Fn(usize) -> T,
{
    (0..count).map(make).collect()
}

/// `(first(), second())`, the two at the same time on a native build (one
/// after the other when the system cannot start a thread).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn both<A, B>(first: impl FnOnce() -> A + Send, second: impl FnOnce() -> B) -> (A, B)
where
    A: Send,
{
    let first = std::sync::Mutex::new(Some(first));
    let run_first = || {
        let make = first.lock().ok().and_then(|mut slot| slot.take());
        make.map(|make| make())
    };
    let (first, second) = std::thread::scope(|scope| {
        let helper = std::thread::Builder::new().spawn_scoped(scope, run_first);
        let second = second();
        let first = match helper.map(|helper| helper.join()) {
            Ok(Ok(first)) => first,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(_) => None,
        };
        (first, second)
    });
    match first.or_else(run_first) {
        Some(first) => (first, second),
        None => unreachable!("`first` runs exactly once, on the helper or here"),
    }
}

#[cfg(target_arch = "wasm32")]
pub(crate) fn both<A, B>(first: impl FnOnce() -> A, second: impl FnOnce() -> B) -> (A, B) {
    (first(), second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_come_back_in_index_order_however_long_each_takes() {
        let pieces = map_in_order(40, |index| {
            // Early pieces take longest, so they finish last.
            let spins = (40 - index) * 20_000;
            let mut sum = 0u64;
            for step in 0..spins {
                sum = sum.wrapping_add(std::hint::black_box(step as u64));
            }
            (index, sum)
        });
        assert_eq!(
            pieces.iter().map(|(index, _)| *index).collect::<Vec<_>>(),
            (0..40).collect::<Vec<_>>()
        );
        assert!(map_in_order(0, |index| index).is_empty());
    }

    #[test]
    fn both_returns_each_result_in_its_place() {
        assert_eq!(both(|| "first".to_owned(), || 2), ("first".to_owned(), 2));
    }
}
