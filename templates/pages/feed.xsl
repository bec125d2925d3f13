{% load static %}<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an RSS feed opened in a browser as a page, instead of raw XML. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/rss/channel">
    <html lang="zh-Hans">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="title"/></title>
        <link rel="stylesheet" href="{% static 'css/site.css' %}"/>
      </head>
      <body>
        <header class="site-header">
          <div class="wrap header-bar"><a class="site-name" href="{% url 'home' %}">{{ SITE_NAME }}</a></div>
        </header>
        <main id="main" class="wrap list-page">
          <p class="feed-note">这是一个 RSS 订阅源。把本页地址复制到 RSS 阅读器，即可收到新报道。<a href="{% url 'pages:subscribe' %}">全部订阅源</a></p>
          <h1 class="page-title"><xsl:value-of select="title"/></h1>
          <p class="page-intro"><xsl:value-of select="description"/></p>
          <xsl:for-each select="item">
            <article class="item">
              <h2 class="item-title"><a href="{link}"><xsl:value-of select="title"/></a></h2>
              <p class="summary"><xsl:value-of select="description"/></p>
            </article>
          </xsl:for-each>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
