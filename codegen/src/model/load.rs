//! JSON AST → raw shapes: checks the document's structure (JSON types, shape ids, known shape
//! types, duplicates) and collects every problem before resolution and validation run.

use std::collections::BTreeMap;

use super::json::{self, Json};
use super::traits::{self, Traits};
use super::{
    EnumMember, EnumValue, Member, Model, Operation, Resource, Service, Shape, ShapeId, ShapeKind,
    SimpleType,
};
use crate::error::{Error, Problem};

/// Which IDL version the file declares; 1.0 files get their idioms upgraded in `resolve`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Version {
    V1,
    V2,
}

/// A shape as written, before mixins are applied.
pub(super) struct RawShape {
    pub shape: Shape,
    pub mixins: Vec<ShapeId>,
}

/// The document as written.
pub(super) struct RawModel {
    pub version: Version,
    pub shapes: BTreeMap<ShapeId, RawShape>,
    /// `apply` statements: traits to add to a shape or member defined elsewhere.
    pub applies: Vec<(ShapeId, Traits)>,
}

/// Loads a Smithy JSON AST document into a resolved, validated [`Model`].
///
/// Every problem found is reported, each naming the shape (and member) at fault.
pub fn load(bytes: &[u8]) -> Result<Model, Error> {
    let json = json::parse(bytes)
        .map_err(|e| Error::model(vec![Problem::general(format!("not valid JSON: {e}"))]))?;
    let mut loader = Loader::default();
    let raw = loader.document(&json);
    match raw {
        Some(raw) if loader.problems.is_empty() => {
            let model = super::resolve::resolve(raw)?;
            super::validate::validate(&model)?;
            Ok(model)
        }
        _ => Err(Error::model(loader.problems)),
    }
}

/// Where a problem is: a shape or member id, or the document itself.
type At<'a> = Option<&'a ShapeId>;

#[derive(Default)]
struct Loader {
    problems: Vec<Problem>,
}

impl Loader {
    fn problem(&mut self, at: At<'_>, message: String) {
        self.problems.push(Problem {
            shape: at.cloned(),
            message,
        });
    }

    /// The entries of a JSON object, reporting a non-object and any duplicated key.
    fn object<'j>(&mut self, at: At<'_>, what: &str, json: &'j Json) -> Option<Obj<'j>> {
        let Json::Object(entries) = json else {
            self.problem(at, format!("{what} must be an object, got {}", json.kind()));
            return None;
        };
        let mut seen = std::collections::BTreeSet::new();
        for (key, _) in entries {
            if !seen.insert(key.as_str()) {
                self.problem(at, format!("{what} has `{key}` more than once"));
            }
        }
        Some(Obj(entries))
    }

    fn string<'j>(&mut self, at: At<'_>, what: &str, json: &'j Json) -> Option<&'j str> {
        match json {
            Json::String(s) => Some(s),
            other => {
                self.problem(at, format!("{what} must be a string, got {}", other.kind()));
                None
            }
        }
    }

    fn array<'j>(&mut self, at: At<'_>, what: &str, json: &'j Json) -> Option<&'j [Json]> {
        match json {
            Json::Array(items) => Some(items),
            other => {
                self.problem(at, format!("{what} must be an array, got {}", other.kind()));
                None
            }
        }
    }

    fn shape_id(&mut self, at: At<'_>, what: &str, json: &Json) -> Option<ShapeId> {
        let text = self.string(at, what, json)?;
        match ShapeId::parse(text) {
            Ok(id) => Some(id),
            Err(e) => {
                self.problem(at, format!("{what}: {e}"));
                None
            }
        }
    }

    fn document(&mut self, json: &Json) -> Option<RawModel> {
        let top = self.object(None, "the model document", json)?;
        let version = match top.get("smithy") {
            None => {
                self.problem(
                    None,
                    "the model document has no `smithy` version".to_owned(),
                );
                None
            }
            Some(v) => match self.string(None, "`smithy`", v)? {
                "1" | "1.0" => Some(Version::V1),
                "2" | "2.0" => Some(Version::V2),
                other => {
                    self.problem(
                        None,
                        format!("unsupported Smithy IDL version `{other}` (expected 1.0 or 2.0)"),
                    );
                    None
                }
            },
        };
        if let Some(metadata) = top.get("metadata") {
            self.object(None, "`metadata`", metadata);
        }
        let mut shapes = BTreeMap::new();
        let mut applies = Vec::new();
        if let Some(entries) = top
            .get("shapes")
            .and_then(|s| self.object(None, "`shapes`", s))
        {
            for (key, body) in entries.iter() {
                // A member id is only a valid key for an `apply` (checked in `shape`).
                let id = match ShapeId::parse(key) {
                    Ok(id) => id,
                    Err(e) => {
                        self.problem(None, format!("bad shape id in `shapes`: {e}"));
                        continue;
                    }
                };
                if let Some(raw) = self.shape(&id, body, &mut applies) {
                    shapes.insert(id, raw);
                }
            }
        } else if top.get("shapes").is_none() {
            // An empty model is valid; it just has nothing to generate.
        }
        Some(RawModel {
            version: version?,
            shapes,
            applies,
        })
    }

    fn shape(
        &mut self,
        id: &ShapeId,
        body: &Json,
        applies: &mut Vec<(ShapeId, Traits)>,
    ) -> Option<RawShape> {
        let at = Some(id);
        let obj = self.object(at, "the shape", body)?;
        let type_name = match obj.get("type") {
            Some(t) => self.string(at, "`type`", t)?,
            None => {
                self.problem(at, "shape has no `type`".to_owned());
                return None;
            }
        };
        if type_name != "apply" && id.member().is_some() {
            self.problem(
                None,
                format!("shape key `{id}` names a member, not a shape"),
            );
            return None;
        }
        let traits = self.traits(id, obj.get("traits"));
        if type_name == "apply" {
            applies.push((id.clone(), traits));
            return None;
        }
        let mixins = match obj.get("mixins") {
            Some(m) => self.targets(id, "`mixins`", m),
            None => Vec::new(),
        };
        let kind = match type_name {
            "list" | "set" => ShapeKind::List(self.required_member(id, &obj, "member")?),
            "map" => {
                let key = self.required_member(id, &obj, "key");
                let value = self.required_member(id, &obj, "value");
                ShapeKind::Map {
                    key: key?,
                    value: value?,
                }
            }
            "structure" => ShapeKind::Structure(self.members(id, &obj)),
            "union" => ShapeKind::Union(self.members(id, &obj)),
            "enum" | "intEnum" => {
                let int = type_name == "intEnum";
                let members = self.enum_members(id, &obj, int);
                if int {
                    ShapeKind::IntEnum(members)
                } else {
                    ShapeKind::Enum(members)
                }
            }
            "operation" => ShapeKind::Operation(self.operation(id, &obj)),
            "service" => ShapeKind::Service(self.service(id, &obj)),
            "resource" => ShapeKind::Resource(self.resource(id, &obj)),
            other => match SimpleType::from_name(other) {
                Some(simple) => ShapeKind::Simple(simple),
                None => {
                    self.problem(at, format!("unknown shape type `{other}`"));
                    return None;
                }
            },
        };
        let mut traits = traits;
        if type_name == "set" {
            traits.insert(traits::UNIQUE_ITEMS, serde_json::json!({}));
        }
        Some(RawShape {
            shape: Shape {
                id: id.clone(),
                kind,
                traits,
            },
            mixins,
        })
    }

    fn traits(&mut self, at: &ShapeId, json: Option<&Json>) -> Traits {
        let mut traits = Traits::default();
        let Some(json) = json else { return traits };
        let Some(entries) = self.object(Some(at), "`traits`", json) else {
            return traits;
        };
        for (trait_id, value) in entries.iter() {
            if let Err(e) = ShapeId::parse(trait_id) {
                self.problem(Some(at), format!("bad trait id: {e}"));
                continue;
            }
            let value = value.to_value();
            match traits::check_value(trait_id, &value) {
                Ok(()) => traits.insert(trait_id, value),
                Err(e) => self.problem(Some(at), e),
            }
        }
        traits
    }

    /// `[{ "target": id }, ...]`.
    fn targets(&mut self, at: &ShapeId, what: &str, json: &Json) -> Vec<ShapeId> {
        let Some(items) = self.array(Some(at), what, json) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.target_ref(at, what, item))
            .collect()
    }

    /// `{ "target": id }`.
    fn target_ref(&mut self, at: &ShapeId, what: &str, json: &Json) -> Option<ShapeId> {
        let obj = self.object(Some(at), what, json)?;
        match obj.get("target") {
            Some(target) => self.shape_id(Some(at), &format!("{what} target"), target),
            None => {
                self.problem(Some(at), format!("{what} has no `target`"));
                None
            }
        }
    }

    fn member(&mut self, container: &ShapeId, name: &str, json: &Json) -> Option<Member> {
        let id = container.with_member(name);
        let obj = self.object(Some(&id), "the member", json)?;
        let target = match obj.get("target") {
            Some(t) => self.shape_id(Some(&id), "`target`", t),
            None => {
                self.problem(Some(&id), "member has no `target`".to_owned());
                None
            }
        };
        let traits = self.traits(&id, obj.get("traits"));
        Some(Member {
            id,
            target: target?,
            traits,
        })
    }

    fn required_member(&mut self, id: &ShapeId, obj: &Obj<'_>, name: &str) -> Option<Member> {
        match obj.get(name) {
            Some(json) => self.member(id, name, json),
            None => {
                self.problem(Some(id), format!("shape has no `{name}` member"));
                None
            }
        }
    }

    /// A structure's or union's `members`, checking names (identifiers, unique ignoring case).
    fn members(&mut self, id: &ShapeId, obj: &Obj<'_>) -> Vec<Member> {
        let Some(json) = obj.get("members") else {
            return Vec::new();
        };
        let Some(entries) = self.object(Some(id), "`members`", json) else {
            return Vec::new();
        };
        let mut members: Vec<Member> = Vec::new();
        for (name, body) in entries.iter() {
            if !self.member_name(id, name, members.iter().map(Member::name)) {
                continue;
            }
            if let Some(member) = self.member(id, name, body) {
                members.push(member);
            }
        }
        members
    }

    /// Whether `name` is a usable member name: an identifier not already taken (ignoring case).
    fn member_name<'m>(
        &mut self,
        id: &ShapeId,
        name: &str,
        mut taken: impl Iterator<Item = &'m str>,
    ) -> bool {
        if !super::is_identifier(name) {
            self.problem(
                Some(id),
                format!("member name `{name}` is not a valid identifier"),
            );
            return false;
        }
        if let Some(other) = taken.find(|t| t.eq_ignore_ascii_case(name)) {
            // An exact repeat is already reported as a duplicated key of `members`.
            if other != name {
                self.problem(
                    Some(id),
                    format!("members `{other}` and `{name}` differ only in case"),
                );
            }
            return false;
        }
        true
    }

    fn enum_members(&mut self, id: &ShapeId, obj: &Obj<'_>, int: bool) -> Vec<EnumMember> {
        let Some(json) = obj.get("members") else {
            return Vec::new();
        };
        let Some(entries) = self.object(Some(id), "`members`", json) else {
            return Vec::new();
        };
        let mut members: Vec<EnumMember> = Vec::new();
        for (name, body) in entries.iter() {
            if !self.member_name(id, name, members.iter().map(EnumMember::name)) {
                continue;
            }
            let Some(member) = self.member(id, name, body) else {
                continue;
            };
            let value = match (member.traits.get(traits::ENUM_VALUE), int) {
                (None, false) => Some(EnumValue::String(name.to_owned())),
                (Some(serde_json::Value::String(s)), false) if !s.is_empty() => {
                    Some(EnumValue::String(s.clone()))
                }
                (Some(v), false) => {
                    self.problem(
                        Some(&member.id),
                        format!("enumValue must be a non-empty string, got {v}"),
                    );
                    None
                }
                (None, true) => {
                    self.problem(
                        Some(&member.id),
                        "intEnum member has no enumValue".to_owned(),
                    );
                    None
                }
                (Some(v), true) => match v.as_i64().and_then(|n| i32::try_from(n).ok()) {
                    Some(n) => Some(EnumValue::Int(n)),
                    None => {
                        self.problem(
                            Some(&member.id),
                            format!("enumValue must be a 32-bit integer, got {v}"),
                        );
                        None
                    }
                },
            };
            if let Some(value) = value {
                members.push(EnumMember {
                    id: member.id,
                    value,
                    traits: member.traits,
                });
            }
        }
        members
    }

    fn operation(&mut self, id: &ShapeId, obj: &Obj<'_>) -> Operation {
        let unit = |t: ShapeId| (t.to_string() != "smithy.api#Unit").then_some(t);
        Operation {
            input: obj
                .get("input")
                .and_then(|j| self.target_ref(id, "`input`", j))
                .and_then(unit),
            output: obj
                .get("output")
                .and_then(|j| self.target_ref(id, "`output`", j))
                .and_then(unit),
            errors: obj
                .get("errors")
                .map(|j| self.targets(id, "`errors`", j))
                .unwrap_or_default(),
        }
    }

    fn service(&mut self, id: &ShapeId, obj: &Obj<'_>) -> Service {
        let mut rename = BTreeMap::new();
        if let Some(entries) = obj
            .get("rename")
            .and_then(|j| self.object(Some(id), "`rename`", j))
        {
            for (from, to) in entries.iter() {
                let from = match ShapeId::parse(from) {
                    Ok(from) => from,
                    Err(e) => {
                        self.problem(Some(id), format!("`rename`: {e}"));
                        continue;
                    }
                };
                if let Some(to) = self.string(Some(id), "a `rename` value", to) {
                    rename.insert(from, to.to_owned());
                }
            }
        }
        Service {
            version: obj
                .get("version")
                .and_then(|v| self.string(Some(id), "`version`", v))
                .unwrap_or_default()
                .to_owned(),
            operations: obj
                .get("operations")
                .map(|j| self.targets(id, "`operations`", j))
                .unwrap_or_default(),
            resources: obj
                .get("resources")
                .map(|j| self.targets(id, "`resources`", j))
                .unwrap_or_default(),
            errors: obj
                .get("errors")
                .map(|j| self.targets(id, "`errors`", j))
                .unwrap_or_default(),
            rename,
        }
    }

    fn resource(&mut self, id: &ShapeId, obj: &Obj<'_>) -> Resource {
        let mut operations = Vec::new();
        for lifecycle in ["create", "put", "read", "update", "delete", "list"] {
            if let Some(op) = obj
                .get(lifecycle)
                .and_then(|j| self.target_ref(id, &format!("`{lifecycle}`"), j))
            {
                operations.push(op);
            }
        }
        for list in ["operations", "collectionOperations"] {
            if let Some(json) = obj.get(list) {
                operations.extend(self.targets(id, &format!("`{list}`"), json));
            }
        }
        for map in ["identifiers", "properties"] {
            if let Some(entries) = obj
                .get(map)
                .and_then(|j| self.object(Some(id), &format!("`{map}`"), j))
            {
                for (_, target) in entries.iter() {
                    self.target_ref(id, &format!("`{map}`"), target);
                }
            }
        }
        Resource {
            operations,
            resources: obj
                .get("resources")
                .map(|j| self.targets(id, "`resources`", j))
                .unwrap_or_default(),
        }
    }
}

/// A JSON object's entries (already checked for duplicates).
struct Obj<'j>(&'j [(String, Json)]);

impl<'j> Obj<'j> {
    fn get(&self, key: &str) -> Option<&'j Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn iter(&self) -> impl Iterator<Item = (&'j String, &'j Json)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}
