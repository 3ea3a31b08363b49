import { h, s } from 'hastscript';
import { fromXml } from 'xast-util-from-xml';
import { describe, expect, it } from 'vitest';
import { hastToXml, xmlSafe } from '../../scripts/epub/to-xml.js';
import { checkEpubXml } from '../../scripts/epub/check-epub-xml.js';

describe('the ePub\'s XML serialiser', () => {
  it('escapes "<", "&" and quotes in attributes and "<", "&", ">" in text', () => {
    const xml = hastToXml(h('div', { ariaLabel: 'a < b & "c"' }, ['x ]]> y < z & w']));
    expect(xml).toBe('<div aria-label="a &#x3C; b &#x26; &#x22;c&#x22;">x ]]&gt; y &lt; z &amp; w</div>');
    expect(() => fromXml(xml)).not.toThrow();
  });

  it('drops the characters XML forbids from text and attributes', () => {
    const xml = hastToXml(h('p', { title: 'a\u000bb\uffff' }, ['c\u0000d\ud800e\u0085f']));
    expect(xml).toBe('<p title="ab">cdef</p>');
    expect(xmlSafe('tab\tline\nok😀')).toBe('tab\tline\nok😀');
  });

  it('closes void elements, writes the others\' end tags, and gives svg its namespace', () => {
    expect(hastToXml(h('p', [h('img', { src: 'a.png', alt: '' }), h('span')]))).toBe('<p><img src="a.png" alt="" /><span></span></p>');
    expect(hastToXml(h('div', [s('svg', { viewBox: '0 0 1 1' }, [s('path', { d: 'M0 0' })])]))).toBe('<div><svg viewBox="0 0 1 1" xmlns="http://www.w3.org/2000/svg"><path d="M0 0"></path></svg></div>');
  });

  it('parses the build\'s inline SVG as XML, and refuses one that is not', () => {
    const ok = hastToXml(h('div', [{ type: 'raw', value: '<svg xmlns="http://www.w3.org/2000/svg"><title>a &amp; b</title><!-- c --></svg>' } as never]));
    expect(ok).toBe('<div><svg xmlns="http://www.w3.org/2000/svg"><title>a &amp; b</title></svg></div>');
    expect(() => hastToXml(h('div', [{ type: 'raw', value: '<svg><g></svg>' } as never]))).toThrow(/internal error: an inline SVG the build made is not well-formed XML/);
  });
});

describe('the check of the ePub\'s XML files', () => {
  it('names the file and the place of a file that is not XML', () => {
    expect(() => checkEpubXml(new Map([['OEBPS/a.xhtml', '<html>\n<p>a < b</p></html>']]))).toThrow(/internal error: the ePub's OEBPS\/a.xhtml is not well-formed XML \(OEBPS\/a.xhtml:2:/);
  });

  it('refuses an XHTML file holding an id twice', () => {
    expect(() => checkEpubXml(new Map([['OEBPS/b.xhtml', '<html><p id="x"/><p id="x"/></html>']]))).toThrow(/holds the id "x" twice/);
    expect(() => checkEpubXml(new Map([['OEBPS/c.xhtml', '<html><p id="x"/></html>'], ['mimetype', 'application/epub+zip']]))).not.toThrow();
  });
});
