"""A starter catalogue of international news feeds (names and public RSS addresses as the outlets
publish them). Loaded in one step from the desk's sources page; each feed's health there shows
any that have moved since."""

STARTER_FEEDS: list[tuple[str, str]] = [
    ("BBC News - World", "https://feeds.bbci.co.uk/news/world/rss.xml"),
    ("Al Jazeera English", "https://www.aljazeera.com/xml/rss/all.xml"),
    ("The Guardian - World news", "https://www.theguardian.com/world/rss"),
    ("NPR - World", "https://feeds.npr.org/1004/rss.xml"),
    ("France 24 (English)", "https://www.france24.com/en/rss"),
    ("Deutsche Welle (English)", "https://rss.dw.com/rdf/rss-en-all"),
    ("The New York Times - World", "https://rss.nytimes.com/services/xml/rss/nyt/World.xml"),
    ("The Washington Post - World", "https://feeds.washingtonpost.com/rss/world"),
    ("UN News", "https://news.un.org/feed/subscribe/en/news/all/rss.xml"),
    ("CBC News - World", "https://www.cbc.ca/webfeed/rss/rss-world"),
    ("Sky News - World", "https://feeds.skynews.com/feeds/rss/world.xml"),
    ("CNN - World", "http://rss.cnn.com/rss/edition_world.rss"),
    ("The Independent - World", "https://www.independent.co.uk/news/world/rss"),
    ("South China Morning Post - World", "https://www.scmp.com/rss/91/feed"),
    ("The Times of India - World", "https://timesofindia.indiatimes.com/rssfeeds/296589292.cms"),
    ("The Japan Times", "https://www.japantimes.co.jp/feed/"),
    ("Foreign Policy", "https://foreignpolicy.com/feed/"),
    ("The Kyiv Independent", "https://kyivindependent.com/rss/"),
    ("Meduza (English)", "https://meduza.io/rss/en/all"),
    ("ReliefWeb - Updates", "https://reliefweb.int/updates/rss.xml"),
]
