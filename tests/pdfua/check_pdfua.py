"""An offline PDF/UA-1 check of the machine-checkable Matterhorn conditions the report's PDF
must meet (veraPDF is not available): reads the file with pikepdf, walks the structure tree
and every page's content stream, and prints a JSON report: {"failures": [...], "counts": {...}}.
Usage: python3 check_pdfua.py FILE.pdf"""
import json
import re
import sys

import pikepdf

STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3
H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link
Annot Ruby RB RT RP Warichu WT WP Figure Formula Form""".split())


# Only these operators are read from the pages (the rest is graphics state), for speed.
PAINTING_AND_MARKS = "BDC BMC EMC Tj TJ ' \" Do sh S s f F f* B B* b b*"


def main(path):
    failures = []
    fail = failures.append
    pdf = pikepdf.open(path)
    root = pdf.Root

    # Document level: language, title shown, marked, XMP claims PDF/UA-1.
    if not str(root.get('/Lang', '')).strip():
        fail('catalog has no /Lang')
    prefs = root.get('/ViewerPreferences')
    if prefs is None or not bool(prefs.get('/DisplayDocTitle', False)):
        fail('ViewerPreferences/DisplayDocTitle is not true')
    if not str(pdf.docinfo.get('/Title', '')).strip():
        fail('no document title')
    mark = root.get('/MarkInfo')
    if mark is None or not bool(mark.get('/Marked', False)):
        fail('MarkInfo/Marked is not true')
    meta = root.get('/Metadata')
    xmp = meta.read_bytes().decode('utf-8') if meta is not None else ''
    if not re.search(r'<pdfuaid:part>1</pdfuaid:part>', xmp):
        fail('XMP has no pdfuaid:part = 1')
    if not re.search(r'<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>[^<]+</rdf:li>', xmp):
        fail('XMP has no dc:title')

    # Structure tree: types standard or role-mapped, Figures with /Alt and not nested,
    # headings without skipped levels, tables with header cells.
    st = root.get('/StructTreeRoot')
    if st is None:
        fail('no structure tree')
        print(json.dumps({'failures': failures, 'counts': {}}))
        return
    role_map = st.get('/RoleMap', pikepdf.Dictionary())
    counts = {'Figure': 0, 'Table': 0, 'TH': 0, 'headings': 0, 'links': 0, 'artifact_sequences': 0, 'pages': len(pdf.pages)}
    headings = []
    tables = []

    def role(t):
        seen = set()
        while t not in STANDARD and t not in seen:
            seen.add(t)
            mapped = role_map.get('/' + t)
            if mapped is None:
                return None
            t = str(mapped)[1:]
        return t if t in STANDARD else None

    def walk(e, ancestors):
        if not isinstance(e, pikepdf.Dictionary) or e.get('/S') is None:
            return
        t = str(e.S)[1:]
        std = role(t)
        if std is None:
            fail(f'structure type {t} is neither standard nor role-mapped')
        if std == 'Figure':
            counts['Figure'] += 1
            alt = e.get('/Alt')
            if alt is None or not str(alt).strip():
                fail(f'a Figure has no /Alt (under {"/".join(ancestors[-3:])})')
            if 'Figure' in ancestors:
                fail('a Figure inside another Figure')
        if std and re.fullmatch(r'H[1-6]', std):
            headings.append(int(std[1]))
        if std == 'Table':
            tables.append(e)
        k = e.get('/K')
        if k is None:
            return
        for kid in (k if isinstance(k, pikepdf.Array) else [k]):
            walk(kid, ancestors + [std or t])

    k = st.get('/K')
    for kid in (k if isinstance(k, pikepdf.Array) else [k]):
        walk(kid, [])
    counts['headings'] = len(headings)
    if headings and headings[0] != 1:
        fail(f'the first heading is H{headings[0]}, not H1')
    for a, b in zip(headings, headings[1:]):
        if b > a + 1:
            fail(f'heading levels skip from H{a} to H{b}')
            break

    def types_below(e, out):
        k = e.get('/K')
        for kid in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
            if isinstance(kid, pikepdf.Dictionary) and kid.get('/S') is not None:
                out.append(role(str(kid.S)[1:]))
                types_below(kid, out)
        return out

    counts['Table'] = len(tables)
    for t in tables:
        below = types_below(t, [])
        counts['TH'] += below.count('TH')
        if 'TH' not in below:
            fail('a Table has no header cell (TH)')

    # Pages: tab order follows the structure; link annotations describe themselves; every
    # piece of content is tagged (inside a marked-content sequence with an MCID) or an artifact.
    for n, page in enumerate(pdf.pages, 1):
        annots = page.obj.get('/Annots', [])
        if len(annots) and str(page.obj.get('/Tabs', '')) != '/S':
            fail(f'page {n}: annotations but /Tabs is not /S')
        for a in annots:
            if str(a.get('/Subtype')) == '/Link':
                counts['links'] += 1
                if not str(a.get('/Contents', '')).strip():
                    fail(f'page {n}: a link annotation has no /Contents')
                if a.get('/StructParent') is None:
                    fail(f'page {n}: a link annotation is not in the structure tree')
        depth_tagged = []
        untagged = 0
        for ins in pikepdf.parse_content_stream(page, PAINTING_AND_MARKS):
            op = str(ins.operator)
            if op in ('BDC', 'BMC'):
                tag = str(ins.operands[0])
                props = ins.operands[1] if op == 'BDC' else None
                tagged = tag == '/Artifact' or (isinstance(props, pikepdf.Dictionary) and props.get('/MCID') is not None)
                if tag == '/Artifact':
                    counts['artifact_sequences'] += 1
                depth_tagged.append(tagged or (depth_tagged[-1] if depth_tagged else False))
            elif op == 'EMC':
                depth_tagged.pop()
            elif op in ('Tj', 'TJ', "'", '"', 'Do', 'sh', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*'):
                if not (depth_tagged and depth_tagged[-1]):
                    untagged += 1
        if untagged:
            fail(f'page {n}: {untagged} painting operators are neither tagged nor artifacts')

    print(json.dumps({'failures': failures, 'counts': counts}))


if __name__ == '__main__':
    main(sys.argv[1])
