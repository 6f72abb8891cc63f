package io.vigie.ingest.source.rss;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.vigie.contracts.Author;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionSource;
import io.vigie.ingest.source.EntryIssue;
import io.vigie.ingest.source.PlainText;
import org.jdom2.Element;
import org.jdom2.Namespace;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps an RSS or Atom document to mentions. One bad entry is skipped (or repaired) and counted; the rest of the
 * feed is kept. Only a document that is not a feed at all fails as a whole.
 */
public class RssFeedParser {

    static final String SOURCE_TYPE = "rss";

    private static final Namespace MEDIA_RSS = Namespace.getNamespace("http://search.yahoo.com/mrss/");
    /** Character references to characters XML 1.0 forbids: the parser would reject the whole document for one. */
    private static final Pattern FORBIDDEN_CHARACTER_REFERENCE =
            Pattern.compile("&#(?:[xX]0*([0-8bBcCeEfF]|1[0-9a-fA-F])|0*([0-8]|1[124-9]|2[0-9]|3[01]));");

    private final int maxTextLength;

    public RssFeedParser(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    /**
     * @param body        the raw document
     * @param contentType the HTTP Content-Type, used for the charset; may be null
     * @param feedUrl     where it was fetched from; names the source when the feed has no title
     * @param fetchedAt   fetch time; also the publication time of entries that have no date
     * @throws FeedException when the document is not a readable RSS or Atom feed
     */
    public ParsedFeed parse(byte[] body, String contentType, String feedUrl, Instant fetchedAt)
            throws FeedException, IOException {
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        // Real feeds (FeedBurner, YouTube) put a line break before the XML declaration, which XML forbids.
        String xml = readXml(body, contentType).stripLeading();
        int invalid = PlainText.countInvalidCharacters(xml);
        Matcher references = FORBIDDEN_CHARACTER_REFERENCE.matcher(xml);
        while (references.find()) {
            invalid++;
        }
        if (invalid > 0) {
            xml = FORBIDDEN_CHARACTER_REFERENCE.matcher(PlainText.withoutInvalidCharacters(xml)).replaceAll("");
            issues.put(EntryIssue.INVALID_CHARACTERS, invalid);
        }
        SyndFeedInput input = new SyndFeedInput();
        // Doctypes stay refused (Rome's default): they are the door to XML external entity attacks.
        SyndFeed feed = input.build(new StringReader(xml));

        String sourceName = sourceName(feed, feedUrl);
        String feedLanguage = language(feed.getLanguage());
        List<MentionIngested> mentions = new ArrayList<>(feed.getEntries().size());
        for (SyndEntry entry : feed.getEntries()) {
            try {
                MentionIngested mention = toMention(entry, sourceName, feedLanguage, fetchedAt, issues);
                if (mention != null) {
                    mentions.add(mention);
                }
            } catch (RuntimeException e) {
                count(issues, EntryIssue.UNREADABLE);
            }
        }
        return new ParsedFeed(sourceName, mentions, issues);
    }

    private MentionIngested toMention(SyndEntry entry, String sourceName, String language, Instant fetchedAt,
                                      Map<EntryIssue, Integer> issues) {
        String link = link(entry);
        String nativeId = firstNonBlank(entry.getUri(), link);
        if (nativeId == null) {
            count(issues, EntryIssue.NO_ID);
            return null;
        }
        String url = link != null ? link : isHttpUrl(nativeId) ? nativeId : null;
        if (url == null) {
            count(issues, EntryIssue.NO_LINK);
            return null;
        }
        String title = text(entry.getTitleEx());
        if (title == null && entry.getTitle() != null) {
            title = PlainText.fromHtml(entry.getTitle());
        }
        String text = text(entry);
        if (text.length() > maxTextLength) {
            text = PlainText.truncate(text, maxTextLength);
            count(issues, EntryIssue.TEXT_TRUNCATED);
        }
        Instant publishedAt = instant(firstNonNull(entry.getPublishedDate(), entry.getUpdatedDate()), fetchedAt);
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of(SOURCE_TYPE, nativeId), List.of(),
                new MentionSource(SOURCE_TYPE, sourceName), url, author(entry), blankToNull(title), text, language,
                publishedAt, fetchedAt, null, null);
    }

    private static String readXml(byte[] body, String contentType) throws IOException {
        // XmlReader picks the charset from the HTTP header, the BOM or the XML declaration, as feed readers must.
        try (Reader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            StringBuilder xml = new StringBuilder(body.length);
            char[] buffer = new char[8192];
            for (int read; (read = reader.read(buffer)) != -1; ) {
                xml.append(buffer, 0, read);
            }
            return xml.toString();
        }
    }

    private static String sourceName(SyndFeed feed, String feedUrl) {
        String title = PlainText.fromHtml(feed.getTitle());
        if (title != null && !title.isBlank()) {
            return title;
        }
        String host = URI.create(feedUrl).getHost();
        return host == null ? feedUrl : host;
    }

    private static String link(SyndEntry entry) {
        if (isHttpUrl(entry.getLink())) {
            return entry.getLink().strip();
        }
        for (SyndLink link : entry.getLinks()) {
            if ((link.getRel() == null || "alternate".equals(link.getRel())) && isHttpUrl(link.getHref())) {
                return link.getHref().strip();
            }
        }
        return null;
    }

    /** Content first (the full post), then the summary, then a YouTube-style media description. */
    private static String text(SyndEntry entry) {
        List<String> parts = new ArrayList<>();
        for (SyndContent content : entry.getContents()) {
            String text = text(content);
            if (text != null && !text.isBlank()) {
                parts.add(text);
            }
        }
        if (parts.isEmpty()) {
            String description = text(entry.getDescription());
            if (description != null && !description.isBlank()) {
                parts.add(description);
            }
        }
        if (parts.isEmpty()) {
            String media = mediaDescription(entry);
            if (media != null) {
                parts.add(media);
            }
        }
        return String.join("\n\n", parts);
    }

    private static String text(SyndContent content) {
        if (content == null || content.getValue() == null) {
            return null;
        }
        String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
        boolean plain = type.contains("text") && !type.contains("html");
        return plain ? PlainText.collapseWhitespace(content.getValue()) : PlainText.fromHtml(content.getValue());
    }

    private static String mediaDescription(SyndEntry entry) {
        for (Element element : entry.getForeignMarkup()) {
            Element group = "group".equals(element.getName()) && MEDIA_RSS.equals(element.getNamespace())
                    ? element : null;
            Element description = group != null ? group.getChild("description", MEDIA_RSS)
                    : "description".equals(element.getName()) && MEDIA_RSS.equals(element.getNamespace()) ? element : null;
            if (description != null && !description.getTextNormalize().isBlank()) {
                return PlainText.collapseWhitespace(description.getText());
            }
        }
        return null;
    }

    private static Author author(SyndEntry entry) {
        String name = blankToNull(PlainText.collapseWhitespace(entry.getAuthor()));
        if (name == null) {
            name = entry.getAuthors().stream().map(SyndPerson::getName).map(PlainText::collapseWhitespace)
                    .filter(candidate -> candidate != null && !candidate.isBlank()).findFirst().orElse(null);
        }
        return name == null ? null : new Author(name, null, null, null);
    }

    /** ISO 639-1 from a feed language such as {@code en-us} or {@code fr_FR}; null when absent or not a code. */
    static String language(String declared) {
        if (declared == null) {
            return null;
        }
        String primary = declared.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return primary.matches("[a-z]{2}") ? primary : null;
    }

    private static Instant instant(Date date, Instant fallback) {
        return date == null ? fallback : date.toInstant();
    }

    private static boolean isHttpUrl(String value) {
        if (value == null) {
            return false;
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first.strip();
        }
        return second == null || second.isBlank() ? null : second.strip();
    }

    private static <T> T firstNonNull(T first, T second) {
        return first != null ? first : second;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void count(Map<EntryIssue, Integer> issues, EntryIssue issue) {
        issues.merge(issue, 1, Integer::sum);
    }

    /**
     * @param title    the feed's name, which becomes each mention's source name
     * @param mentions one per usable entry, in feed order
     * @param issues   entries skipped or repaired, by reason
     */
    public record ParsedFeed(String title, List<MentionIngested> mentions, Map<EntryIssue, Integer> issues) {
    }
}
