"""Reads a press PDF with pikepdf and prints, as JSON, what makes it a CMYK PDF/X-4: the output
intents, the version in Info and XMP, /Trapped, the trailer /ID, each page's boxes, and every
colour operator and colour space of every content stream, Form XObject, pattern and image."""
import json, sys, pikepdf
doc = pikepdf.open(sys.argv[1])
out = {"header": open(sys.argv[1], "rb").read(8).decode("latin1"), "intents": [], "operators": {}, "spaces": {}, "images": [], "pages": []}
for o in doc.Root.get("/OutputIntents", []):
    prof = o.get("/DestOutputProfile")
    out["intents"].append({"S": str(o.get("/S")), "identifier": str(o.get("/OutputConditionIdentifier", "")), "N": int(prof.get("/N", 0)) if prof is not None else None,
                           "profile_bytes": len(prof.read_bytes()) if prof is not None else 0})
info = doc.trailer.get("/Info", {})
out["info"] = {"version": str(info.get("/GTS_PDFXVersion", "")), "trapped": str(info.get("/Trapped", ""))}
with doc.open_metadata() as meta:
    out["xmp"] = {"version": str(meta.get("pdfxid:GTS_PDFXVersion", "")), "trapped": str(meta.get("pdf:Trapped", "")), "document": str(meta.get("xmpMM:DocumentID", ""))}
out["id"] = [bytes(x).hex() for x in doc.trailer.get("/ID", [])]
seen = set()
def vals(d): return [v for _, v in d.items()] if d is not None else []
def count(d, k): d[k] = d.get(k, 0) + 1
def space(cs):
    if isinstance(cs, pikepdf.Name): return str(cs)
    if isinstance(cs, pikepdf.Array) and len(cs): return str(cs[0]) + (f"({int(cs[1].get('/N'))})" if cs[0] == "/ICCBased" else "")
    return str(cs)
def stream(s):
    for operands, op in pikepdf.parse_content_stream(s):
        if str(op) in ("rg", "RG", "k", "K", "g", "G", "cs", "CS", "sc", "scn", "SC", "SCN"): count(out["operators"], str(op))
def resources(res):
    if res is None: return
    for cs in vals(res.get("/ColorSpace")): count(out["spaces"], space(cs))
    for x in vals(res.get("/XObject")):
        if x.objgen in seen: continue
        seen.add(x.objgen)
        if x.get("/Subtype") == "/Image": out["images"].append(space(x.get("/ColorSpace")))
        else:
            g = x.get("/Group")
            if g is not None and g.get("/CS") is not None: count(out["spaces"], "group " + space(g.get("/CS")))
            stream(x); resources(x.get("/Resources"))
    for p in vals(res.get("/Pattern")):
        if isinstance(p, pikepdf.Stream): stream(p); resources(p.get("/Resources"))
for p in doc.pages:
    box = lambda k: [float(v) for v in p.obj[k]] if k in p.obj else None
    out["pages"].append({"media": box("/MediaBox"), "bleed": box("/BleedBox"), "trim": box("/TrimBox")})
    stream(p.obj); resources(p.obj.get("/Resources"))
print(json.dumps(out))
