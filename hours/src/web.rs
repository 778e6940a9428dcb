//! The JavaScript API (wasm32 only): the `Hours` class. Answers are JSON text, which the
//! widget's www/widget/hours.js parses; see [`crate::Hours`] for their shape.

use wasm_bindgen::prelude::wasm_bindgen;

/// Opening hours for one region (JavaScript: `new Hours(ags)`).
#[wasm_bindgen(js_name = Hours)]
pub struct WebHours(crate::Hours);

#[wasm_bindgen(js_class = Hours)]
impl WebHours {
    /// Opening hours for the region with this AGS, whose state's public holidays `PH` means.
    #[wasm_bindgen(constructor)]
    pub fn new(ags: &str) -> WebHours {
        WebHours(crate::Hours::new(ags))
    }

    /// The status now, the next change and the week ahead of one value, as JSON text.
    pub fn describe(&self, text: &str, #[wasm_bindgen(js_name = nowMs)] now_ms: f64) -> String {
        self.0.describe(text, now_ms)
    }

    /// Which entries are open now and on each weekday, as JSON text.
    #[wasm_bindgen(js_name = openSets)]
    pub fn open_sets(
        &self,
        #[wasm_bindgen(js_name = textsJson)] texts_json: &str,
        #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
    ) -> String {
        self.0.open_sets(texts_json, now_ms)
    }
}
