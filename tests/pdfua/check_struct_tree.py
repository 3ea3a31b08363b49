"""Checks the structure tree of a tagged PDF against its pages, read with pikepdf: the links
between the tree, the /ParentTree, the pages' marked content and the annotations that a merge
of several tagged PDFs must keep right. Prints a JSON report: {"failures": [...], "facts": {...}}.
Usage: python3 check_struct_tree.py FILE.pdf"""
import json
import sys

import pikepdf


def key(obj):
    return obj.objgen if obj.is_indirect else id(obj)


def main(path):
    failures = []
    fail = failures.append
    pdf = pikepdf.open(path)
    root = pdf.Root
    pages = list(pdf.pages)
    page_index = {p.obj.objgen: i for i, p in enumerate(pages)}
    facts = {'pages': len(pages), 'types': {}, 'figures_with_alt': 0, 'links': [], 'ids': []}

    roots = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get('/Type') == '/StructTreeRoot']
    facts['struct_tree_roots'] = len(roots)
    st = root.get('/StructTreeRoot')
    if st is None:
        print(json.dumps({'failures': ['no structure tree'], 'facts': facts}))
        return

    # The tree, from the root down: each MCID's owner, each OBJR's annotation, each element's page.
    owners = {}  # (page index, mcid) -> [element keys]
    elements = {}  # element key -> element
    objr = {}  # annotation objgen -> element key
    parents_wrong = 0

    def page_of(d, inherited):
        pg = d.get('/Pg')
        if pg is None:
            return inherited
        return page_index.get(pg.objgen, -1)

    def walk(e, parent, inherited):
        nonlocal parents_wrong
        k_e = key(e)
        elements[k_e] = e
        t = str(e.S)[1:]
        facts['types'][t] = facts['types'].get(t, 0) + 1
        if t == 'Figure' and str(e.get('/Alt', '')).strip():
            facts['figures_with_alt'] += 1
        if '/ID' in e:
            facts['ids'].append(str(e.ID))
        p = e.get('/P')
        if p is None or key(p) != key(parent):
            parents_wrong += 1
        page = page_of(e, inherited)
        k = e.get('/K')
        for kid in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
            if isinstance(kid, int):
                owners.setdefault((page, int(kid)), []).append(k_e)
            elif isinstance(kid, pikepdf.Dictionary):
                if kid.get('/S') is not None:
                    walk(kid, e, page)
                elif kid.get('/Type') == '/MCR':
                    owners.setdefault((page_of(kid, page), int(kid.MCID)), []).append(k_e)
                elif kid.get('/Type') == '/OBJR':
                    objr[kid.Obj.objgen] = k_e
                    if page_of(kid, page) not in page_index.values():
                        fail('an OBJR points to no page of the document')

    k = st.get('/K')
    tops = list(k) if isinstance(k, pikepdf.Array) else [k]
    facts['top_types'] = [str(t.S)[1:] for t in tops]
    for top in tops:
        walk(top, st, None)
    if parents_wrong:
        fail(f'{parents_wrong} structure elements whose /P is not their parent')

    # The ParentTree: one flat or nested number tree.
    nums = {}

    def read_nums(node):
        arr = node.get('/Nums')
        if arr is not None:
            for i in range(0, len(arr), 2):
                if int(arr[i]) in nums:
                    fail(f'ParentTree key {int(arr[i])} twice')
                nums[int(arr[i])] = arr[i + 1]
        for kid in node.get('/Kids', []):
            read_nums(kid)

    read_nums(st.ParentTree)
    next_key = int(st.get('/ParentTreeNextKey', -1))
    if nums and next_key <= max(nums):
        fail(f'ParentTreeNextKey {next_key} is not above the largest key {max(nums)}')
    used_keys = []

    # Every page: its /StructParents entry lists, at each MCID, the element owning it on that page.
    for n, page in enumerate(pages):
        mcids = []
        for ins in pikepdf.parse_content_stream(page, 'BDC'):
            props = ins.operands[1]
            if isinstance(props, pikepdf.Dictionary) and '/MCID' in props:
                mcids.append(int(props.MCID))
        if len(set(mcids)) != len(mcids):
            fail(f'page {n + 1}: an MCID is used twice in the content')
        for m in mcids:
            own = owners.get((n, m), [])
            if len(own) != 1:
                fail(f'page {n + 1}: MCID {m} has {len(own)} owning elements')
        sp = page.obj.get('/StructParents')
        if sp is None:
            if mcids:
                fail(f'page {n + 1}: marked content but no /StructParents')
            continue
        used_keys.append(int(sp))
        entry = nums.get(int(sp))
        if entry is None:
            fail(f'page {n + 1}: /StructParents {int(sp)} is not in the ParentTree')
            continue
        for m in mcids:
            if m >= len(entry):
                fail(f'page {n + 1}: MCID {m} beyond its ParentTree entry')
                continue
            el = entry[m]
            if key(el) not in elements:
                fail(f'page {n + 1}: ParentTree entry for MCID {m} is not an element of the tree')
            elif [key(el)] != owners.get((n, m)):
                # The owners are read with each MCID's page (/Pg of the element, or of its MCR).
                fail(f'page {n + 1}: ParentTree entry for MCID {m} is not the element that owns it on this page')

        # Annotations: /StructParent -> the element whose OBJR names the annotation.
        for annot in page.obj.get('/Annots', []):
            if annot.get('/Subtype') != '/Link':
                continue
            link = {'page': n + 1}
            sp_a = annot.get('/StructParent')
            if sp_a is None:
                fail(f'page {n + 1}: a link annotation has no /StructParent')
            else:
                used_keys.append(int(sp_a))
                el = nums.get(int(sp_a))
                if el is None or key(el) != objr.get(annot.objgen):
                    fail(f'page {n + 1}: a link annotation\'s /StructParent is not the element whose OBJR holds it')
                else:
                    link['element'] = str(el.S)[1:]
            action = annot.get('/A')
            dest = annot.get('/Dest')
            if action is not None and action.get('/S') == '/URI':
                link['uri'] = str(action.URI)
            if action is not None and action.get('/S') == '/GoTo':
                dest = action.D
            if dest is not None:
                name = str(dest)[1:] if isinstance(dest, pikepdf.Name) else str(dest)
                link['dest'] = name
                target = root.get('/Dests', {}).get('/' + name) if isinstance(dest, pikepdf.Name) else None
                if target is None and '/Names' in root and '/Dests' in root.Names:
                    target = pikepdf.NameTree(root.Names.Dests).get(name)
                if isinstance(target, pikepdf.Dictionary):
                    target = target.D
                if target is None:
                    fail(f'page {n + 1}: a link to the destination "{name}", which does not exist')
                else:
                    link['dest_page'] = page_index.get(target[0].objgen, -1) + 1
            facts['links'].append(link)
    if len(set(used_keys)) != len(used_keys):
        fail('two pages or annotations share a ParentTree key')
    unused = sorted(set(nums) - set(used_keys))
    if unused:
        fail(f'ParentTree keys no page or annotation uses: {unused[:5]}')

    # The IDTree: sorted, unique, each name the /ID of the element it names.
    id_names = []
    if '/IDTree' in st:
        for name, el in pikepdf.NameTree(st.IDTree).items():
            id_names.append(name)
            if str(el.get('/ID', '')) != name:
                fail(f'IDTree name {name} names an element whose /ID is {el.get("/ID")}')
    if len(set(facts['ids'])) != len(facts['ids']):
        fail('two structure elements have the same /ID')
    if sorted(id_names) != sorted(facts['ids']):
        fail('the IDTree does not list exactly the elements that have an /ID')

    # The data cells' /Headers: each names an element's /ID.
    known = set(facts['ids'])
    for e in elements.values():
        attrs = e.get('/A')
        for a in (attrs if isinstance(attrs, pikepdf.Array) else [attrs] if attrs is not None else []):
            if isinstance(a, pikepdf.Dictionary):
                for h in a.get('/Headers', []):
                    if str(h) not in known:
                        fail(f'a cell\'s /Headers names {h}, which no element has as its /ID')

    dests = root.get('/Dests', {})
    facts['dests'] = {str(k)[1:]: page_index.get((v.D if isinstance(v, pikepdf.Dictionary) else v)[0].objgen, -1) + 1 for k, v in dests.items()}
    print(json.dumps({'failures': failures, 'facts': facts}))


if __name__ == '__main__':
    main(sys.argv[1])
