//! `@documentation` (HTML in AWS models, CommonMark in others) → rustdoc lines that render
//! cleanly: `htmd` does the HTML → Markdown conversion; this module then makes the Markdown
//! safe for rustdoc (no accidental doctests, intra-doc links, bare URLs or stray HTML tags).

use htmd::options::{BulletListMarker, Options};
use htmd::HtmlToMarkdown;

/// Converts one documentation string into rustdoc lines (without the `///`).
pub fn to_rustdoc(doc: &str) -> Vec<String> {
    let markdown = if looks_like_html(doc) {
        converter().convert(doc).unwrap_or_else(|_| doc.to_owned())
    } else {
        doc.to_owned()
    };
    let markdown = markdown.replace('\t', "    ");
    let mut lines = Vec::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            // Every fence is text: model docs are never Rust, and rustdoc would compile them.
            let fence = &trimmed[..3];
            lines.push(if in_fence {
                fence.to_owned()
            } else {
                format!("{fence}text")
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            lines.push(line.trim_end().to_owned());
        } else {
            lines.push(escape_line(line.trim_end()));
        }
    }
    if in_fence {
        lines.push("```".to_owned());
    }
    // No leading or trailing blank lines, no runs of blank lines.
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

fn looks_like_html(doc: &str) -> bool {
    doc.contains('<') || doc.contains("&lt;") || doc.contains("&amp;")
}

fn converter() -> HtmlToMarkdown {
    HtmlToMarkdown::builder()
        .options(Options {
            bullet_list_marker: BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            ..Default::default()
        })
        .build()
}

/// Escapes what rustdoc would misread in a Markdown line outside code fences:
/// - an indented line (4+ spaces) that is not a list continuation would become a code block
///   (and a doctest), so its indentation is reduced;
/// - `[text]` not followed by `(` would be tried as an intra-doc link;
/// - `<` and `>` outside code spans would be read as HTML tags;
/// - bare `http(s)://` URLs get `<…>` so rustdoc links them instead of warning.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        if c == '\\' {
            // Already escaped (htmd escapes Markdown syntax it finds in text): keep the pair,
            // spelling escaped angle brackets as entities like the unescaped ones.
            match chars.get(i + 1) {
                Some('<') => out.push_str("&lt;"),
                Some('>') => out.push_str("&gt;"),
                Some(&next) => {
                    out.push(c);
                    out.push(next);
                }
                None => out.push(c),
            }
            i += 2;
            continue;
        }
        match c {
            '[' => {
                if let Some(close) = matching_bracket(&chars, i) {
                    if chars.get(close + 1) == Some(&'(') {
                        // A Markdown link: copy the text escaped and the destination verbatim.
                        let text: String = chars[i + 1..close].iter().collect();
                        let dest_end = matching_paren(&chars, close + 1).unwrap_or(chars.len() - 1);
                        let dest: String = chars[close + 1..=dest_end].iter().collect();
                        out.push('[');
                        out.push_str(&escape_line(&text));
                        out.push(']');
                        out.push_str(&dest);
                        i = dest_end + 1;
                        continue;
                    }
                }
                out.push_str("\\[");
            }
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            'h' if starts_with_url(&chars[i..]) => {
                let end = chars[i..]
                    .iter()
                    .position(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
                    .map_or(chars.len(), |p| i + p);
                // Trailing punctuation belongs to the sentence, not the URL.
                let mut url_end = end;
                while url_end > i
                    && matches!(
                        chars[url_end - 1],
                        '.' | ',' | ';' | ':' | ')' | '!' | '?' | '\''
                    )
                {
                    url_end -= 1;
                }
                out.push('<');
                out.extend(&chars[i..url_end]);
                out.push('>');
                i = url_end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn starts_with_url(chars: &[char]) -> bool {
    let s: String = chars.iter().take(8).collect();
    s.starts_with("http://") || s.starts_with("https://")
}

fn matching_bracket(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in chars.iter().enumerate().skip(open) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn matching_paren(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in chars.iter().enumerate().skip(open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_aws_html() {
        let lines = to_rustdoc(
            "<p>Copies a <code>Backup</code>. See <a href=\"https://docs.aws.amazon.com/x\">the guide</a>.</p><ul><li><p>One</p></li><li><p>Two [beta]</p></li></ul>",
        );
        assert_eq!(
            lines,
            [
                "Copies a `Backup`. See [the guide](https://docs.aws.amazon.com/x).",
                "",
                "- One",
                "",
                "- Two \\[beta\\]",
            ]
        );
    }

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(
            escape_line("a <b> and [c] but `[d] <e>`"),
            "a &lt;b&gt; and \\[c\\] but `[d] <e>`"
        );
        assert_eq!(
            escape_line("see https://example.com/a."),
            "see <https://example.com/a>."
        );
        assert_eq!(
            escape_line("[x](https://a.b/c(d))"),
            "[x](https://a.b/c(d))"
        );
    }

    #[test]
    fn fences_are_text() {
        let lines = to_rustdoc("<pre><code>let x = 1;</code></pre>");
        assert_eq!(lines.first().map(String::as_str), Some("```text"));
        assert_eq!(lines.last().map(String::as_str), Some("```"));
    }
}
