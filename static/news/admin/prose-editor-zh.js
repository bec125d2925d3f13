// The body editor (django-prose-editor) writes its menus, tooltips and dialogs in English and
// ships no Chinese. Dialog texts go through Django's JavaScript catalogue (window.gettext), so
// ours are added to it; menu labels and tooltips are fixed strings, so they are put into
// Chinese as the editor draws them.
(function () {
  "use strict";

  var words = {
    // toolbar buttons (title and aria-label)
    "bold": "加粗", "italic": "斜体", "underline": "下划线", "strike": "删除线",
    "subscript": "下标", "superscript": "上标", "code": "代码", "Code": "代码",
    "paragraph": "正文段落", "Paragraph": "正文段落",
    "unordered list": "无序列表", "ordered list": "有序列表", "blockquote": "引用",
    "horizontal rule": "分隔线", "insert link": "插入链接", "remove link": "取消链接",
    "undo": "撤销", "redo": "重做", "edit HTML": "编辑 HTML 源码", "figure": "插图",
    "Insert table": "插入表格", "Merge cells": "合并单元格", "Split cell": "拆分单元格",
    "Code block": "代码块", "Styles": "样式", "Reset all classes": "清除样式",
    "title": "标题", "Toggle fullscreen": "全屏编辑",
    // dialogs
    "Update": "确定", "Cancel": "取消", "Insert": "插入", "URL": "链接地址",
    "Title": "标题", "Open in new window": "在新窗口打开", "Edit Link": "编辑链接",
    "Edit HTML": "编辑 HTML 源码", "Prettify": "整理格式",
    "The HTML contents of the editor. Note that the allowed HTML is restricted by the editor schema.":
      "正文的 HTML 源码。只有编辑器允许的标签会被保留。",
    "Insert Table": "插入表格", "Table Properties": "表格属性", "Rows": "行数",
    "Columns": "列数", "Include header row": "包含表头行",
    "List properties": "列表属性", "List type": "列表类型", "Start at": "起始编号",
    "Bullets": "圆点", "Decimal numbers": "数字", "Lowercase letters": "小写字母",
    "Uppercase letters": "大写字母", "Lowercase Roman numerals": "小写罗马数字",
    "Uppercase Roman numerals": "大写罗马数字",
    "Insert Figure": "插入图片", "Edit Figure": "编辑图片", "Edit Image": "编辑图片",
    "Image URL": "图片地址", "Alternative Text": "替代文本", "Caption": "图片说明",
    "Add caption": "添加图片说明", "Remove caption": "删除图片说明", "Browse...": "浏览……"
  };

  function zh(text) {
    if (!text) return null;
    var key = text.trim();
    if (Object.prototype.hasOwnProperty.call(words, key)) return words[key];
    var heading = /^heading (\d)$/i.exec(key);
    return heading ? heading[1] + " 级标题" : null;
  }

  if (window.django && window.django.catalog) {
    Object.keys(words).forEach(function (key) {
      if (!(key in window.django.catalog)) window.django.catalog[key] = words[key];
    });
  }

  // Only the editor's own chrome: never the text being written (the contenteditable area).
  function isChrome(el) {
    return (
      el &&
      el.closest('[class*="prose-"], dialog') &&
      !el.closest('[contenteditable="true"]')
    );
  }

  function translate(root) {
    if (root.nodeType !== 1) return;
    [root].concat(Array.prototype.slice.call(root.querySelectorAll("[title], [aria-label]")))
      .forEach(function (el) {
        if (!isChrome(el)) return;
        ["title", "aria-label"].forEach(function (name) {
          var chinese = zh(el.getAttribute(name));
          if (chinese) el.setAttribute(name, chinese);
        });
      });
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var parent = node.parentElement;
      // An icon button's text is the icon font's ligature (format_bold), not a word to read.
      if (!isChrome(parent) || parent.classList.contains("material-icons")) continue;
      var chinese = zh(node.nodeValue);
      if (chinese) node.nodeValue = chinese;
    }
  }

  function start() {
    translate(document.body);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(translate);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
