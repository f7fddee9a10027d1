//! Loading an arbitrary rule set never panics: it loads or gives an error with a position inside
//! the text; a rule set that loads compiles and checks a report.
#![no_main]

use fazhi_check::{Checker, Error, RuleSet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    match RuleSet::from_toml(source, "fuzz.toml") {
        Ok(rules) => {
            let checker = Checker::new(rules);
            let _ = checker.check_str("一、加强组织领导\n成立领导小组，未开展普法。\n二、存在问题\n不够。");
            let _ = fazhi_check::lint(&checker, &[]);
        }
        Err(Error::RuleSet { position, .. }) => {
            assert!(position.line >= 1 && position.line <= source.split('\n').count().max(1));
        }
        Err(other) => panic!("unexpected error kind: {other}"),
    }
});
