//! Rendering what is out of view at start once the browser is idle, so the
//! first paint (and cold load to interactive) does not wait for it.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// The longest an idle callback may wait for the browser to be idle.
const IDLE_TIMEOUT_MS: u32 = 300;

/// False in a component's first render, true from the render after the
/// browser was next idle (or at most `IDLE_TIMEOUT_MS` later). For parts
/// that are out of view when the planner opens: the comparison matrix and
/// the reachability view below the editor, the list in the closed "AWS
/// services" group of the palette, the Region suggestions of the inspector.
#[hook]
pub fn use_idle_ready() -> bool {
    let ready = use_state_eq(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |()| {
            let pending = when_idle(move || ready.set(true));
            move || drop(pending)
        });
    }
    *ready
}

/// How many of `parts` parts to render: none in a component's first render,
/// one more each time the browser is next idle (or at most
/// `IDLE_TIMEOUT_MS` later), so no single task builds them all; once every
/// part has come, all of them (`usize::MAX`), however many there are later.
/// For the design overview's rows below the editor.
#[hook]
pub fn use_idle_parts(parts: usize) -> usize {
    let ready = use_state_eq(|| 0);
    {
        let ready = ready.clone();
        use_effect_with((*ready, parts), move |&(now, parts)| {
            let pending = (now < parts).then(|| {
                when_idle(move || {
                    ready.set(if now + 1 >= parts {
                        usize::MAX
                    } else {
                        now + 1
                    });
                })
            });
            move || drop(pending)
        });
    }
    *ready
}

/// A callback waiting for the browser to be idle; dropping it cancels it.
struct WhenIdle {
    scheduled: Scheduled,
    _callback: Closure<dyn FnMut()>,
}

enum Scheduled {
    Idle(u32),
    Timer(i32),
}

impl Drop for WhenIdle {
    fn drop(&mut self) {
        let window = gloo::utils::window();
        match self.scheduled {
            Scheduled::Idle(handle) => window.cancel_idle_callback(handle),
            Scheduled::Timer(handle) => window.clear_timeout_with_handle(handle),
        }
    }
}

fn when_idle(run: impl FnOnce() + 'static) -> WhenIdle {
    let window = gloo::utils::window();
    let callback = Closure::once(run);
    let function = callback.as_ref().unchecked_ref();
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(IDLE_TIMEOUT_MS);
    let scheduled = match window.request_idle_callback_with_options(function, &options) {
        Ok(handle) => Scheduled::Idle(handle),
        // Safari has no requestIdleCallback: the next task, then.
        Err(_) => Scheduled::Timer(
            window
                .set_timeout_with_callback(function)
                .unwrap_or_default(),
        ),
    };
    WhenIdle {
        scheduled,
        _callback: callback,
    }
}
