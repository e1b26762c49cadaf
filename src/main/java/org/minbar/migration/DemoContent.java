package org.minbar.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.jsoup.nodes.Entities;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.media.MediaItem;
import org.minbar.media.MediaService;
import org.minbar.system.Settings;
import org.minbar.taxonomy.SectionKind;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo content: the seed article plus a few hundred articles of the ANT corpus (see NOTICE),
 * with the corpus categories as sections, a few lead photos and three cartoons for the caricature
 * section (stored through the media library like an upload, so they have their sizes). Removable: it
 * is ordinary content.
 */
@Service
class DemoContent {

    static final String LOADED_SETTING = "demo.loaded";
    static final String SEED_SECTION = "reports";
    static final OffsetDateTime SEED_PUBLISHED = OffsetDateTime.parse("2021-12-07T19:30:00+02:00");
    static final List<String> SEED_TAGS = List.of("بايدن", "بوتين", "روسيا", "الولايات المتحدة", "أوكرانيا", "سوريا");

    /** Sections in navigation order: slug, name, kind. */
    private static final List<String[]> SECTIONS = List.of(
            new String[] {"politics", "سياسة", "NEWS"},
            new String[] {"reports", "تقارير وتحقيقات", "NEWS"},
            new String[] {"international", "دولية", "NEWS"},
            new String[] {"local", "وطنية", "NEWS"},
            new String[] {"economy", "اقتصاد", "NEWS"},
            new String[] {"society", "المجتمع", "NEWS"},
            new String[] {"health", "الصحة", "NEWS"},
            new String[] {"culture", "ثقافة", "NEWS"},
            new String[] {"technology", "تكنولوجيا", "NEWS"},
            new String[] {"sport", "رياضة", "NEWS"},
            new String[] {"diverse", "متفرقات", "NEWS"},
            new String[] {"caricature", "كاريكاتير", "IMAGE_LED"});

    private static final Map<String, String> CATEGORY_SECTIONS = Map.of(
            "localNews", "local", "sport", "sport", "internationalNews", "international", "society", "society",
            "politic", "politics", "diverse", "diverse", "economy", "economy", "culture", "culture",
            "technology", "technology");

    /** Tags given to a corpus article when its title or first paragraph names them. */
    private static final List<String> DEMO_TAGS = List.of("تونس", "سوريا", "روسيا", "ليبيا", "الجزائر", "مصر", "فرنسا",
            "أوكرانيا", "الولايات المتحدة", "الاتحاد الأوروبي", "الحكومة", "البرلمان", "الانتخابات", "الإرهاب",
            "كرة القدم", "المنتخب", "الترجي", "النجم الساحلي", "النادي الإفريقي", "السياحة", "الفلاحة", "التعليم",
            "الصحة", "السينما", "المهرجان", "الشباب", "المرأة", "الاستثمار", "التشغيل", "الأمطار");

    /** Who the demo images are stored as uploaded by. */
    static final String DEMO_UPLOADER = "demo";
    /** The seed article's key in {@link #PHOTOS}. */
    static final String SEED = "seed";

    /**
     * A demo image under {@code demo/images/}, the article it leads (a corpus id, or {@link #SEED}),
     * its alt text and credit. Sources and licences per file: NOTICE.
     */
    record DemoImage(String file, String article, String alt, String credit) {
    }

    /** Photos chosen to fit their stories (from Debian's lomiri-wallpapers, CC0 / CC BY / CC BY-SA). */
    static final List<DemoImage> PHOTOS = List.of(
            new DemoImage("bridge-sander-klootwijk.jpg", SEED, "حبال جسر معلّق فوق خليج تحت سماء صافية",
                    "صورة تعبيرية: Sander Klootwijk، CC BY-SA 4.0"),
            new DemoImage("infinite-sea-aury88.jpg", "JA-diverse-471-20170619", "درب التبانة فوق بحر هادئ عند الغسق",
                    "صورة تعبيرية: Aury88، CC BY-SA 3.0"),
            new DemoImage("greentock-peter-nerlich.jpg", "JA-economy-314-20170615", "ساعة حائط بيضاء تقترب عقاربها من الثانية عشرة",
                    "صورة تعبيرية: Peter Nerlich، CC BY-SA 4.0"),
            new DemoImage("brushes-freespace.jpg", "JA-culture-123-20170612", "فُرَش رسم ملطّخة بألوان زاهية في وعاء",
                    "صورة تعبيرية: Trevor \"Freespace\"، CC BY 4.0"),
            new DemoImage("picos-de-europa-aitzol-berasategi.jpg", "JA-diverse-34-20170124", "قمم جبلية صخرية يكسوها الثلج فوق مرعى أخضر",
                    "صورة تعبيرية: Aitzol Berasategi، CC BY 4.0"),
            new DemoImage("stream-aitzol-berasategi.jpg", "JA-internationalNews-722-20170415", "جدول ماء ينساب بين الصخور في غابة",
                    "صورة تعبيرية: Aitzol Berasategi، CC BY 4.0"),
            new DemoImage("sunset-aitzol-berasategi.jpg", "JA-economy-107-20170222", "غروب الشمس فوق تلال خضراء",
                    "صورة تعبيرية: Aitzol Berasategi، CC BY 4.0"));

    /** Cartoons for the caricature section, drawn for Minbar (src/main/demo-images): title, image, alt text, day. */
    record DemoCartoon(String title, String file, String alt, OffsetDateTime publishedAt) {
    }

    static final List<DemoCartoon> CARTOONS = List.of(
            new DemoCartoon("الأسعار تطير", "cartoon-prices.png",
                    "رسم كاريكاتيري: بطاقة سعر حمراء تطير كالبالون وترفع مواطناً عن الأرض وكيس تسوّقه فارغ، ومحفظته مفتوحة على الأرض",
                    OffsetDateTime.parse("2017-06-20T12:00:00+01:00")),
            new DemoCartoon("تصريح رسمي", "cartoon-microphones.png",
                    "رسم كاريكاتيري: مسؤول صغير خلف منبر لا تظهر منه إلا عيناه، تحيط به عشرات الميكروفونات وفقاعة كلامه فارغة",
                    OffsetDateTime.parse("2017-06-18T12:00:00+01:00")),
            new DemoCartoon("الكرسي", "cartoon-chair.png",
                    "رسم كاريكاتيري: رجل يتشبّث بكرسي مكتب ضخم امتدت أرجله جذوراً في الأرض، بينما ينتظر طابور من الناس",
                    OffsetDateTime.parse("2017-06-15T12:00:00+01:00")));

    private final ArticleImport imports;
    private final TaxonomyService taxonomy;
    private final TextImporter textImporter;
    private final Settings settings;
    private final MediaService media;

    DemoContent(ArticleImport imports, TaxonomyService taxonomy, TextImporter textImporter, Settings settings, MediaService media) {
        this.media = media;
        this.imports = imports;
        this.taxonomy = taxonomy;
        this.textImporter = textImporter;
        this.settings = settings;
    }

    boolean loaded() {
        return settings.get(LOADED_SETTING).isPresent();
    }

    /** Loads everything in one transaction and returns the number of articles; reports progress. */
    @Transactional
    int load(IntConsumer progress) {
        for (String[] s : SECTIONS) {
            taxonomy.ensureSection(s[0], s[1], SectionKind.valueOf(s[2]));
        }
        Map<String, MediaItem> photos = new HashMap<>();
        for (DemoImage photo : PHOTOS) {
            photos.put(photo.article(), store(photo.file(), photo.alt(), null, photo.credit()));
        }
        List<JsonNode> corpus = corpus();
        int done = 0;
        for (JsonNode record : corpus) {
            createCorpusArticle(record, done, photos.get(record.get("id").asString()));
            progress.accept(++done);
        }
        for (DemoCartoon cartoon : CARTOONS) {
            createCartoon(cartoon);
            progress.accept(++done);
        }
        byte[] seed = resource("demo/seed.txt");
        MediaItem seedPhoto = photos.get(SEED);
        textImporter.importText(seed, "demo/seed.txt", SEED_SECTION, SEED_PUBLISHED, SEED_TAGS, seedPhoto.url(), seedPhoto.alt());
        progress.accept(++done);
        settings.put(LOADED_SETTING, OffsetDateTime.now(ZoneOffset.UTC).toString());
        return done;
    }

    int size() {
        return corpus().size() + CARTOONS.size() + 1;
    }

    /** Stores a demo image through the media library, as an upload would be, with its description. */
    private MediaItem store(String file, String alt, String caption, String credit) {
        try (InputStream in = new ClassPathResource("demo/images/" + file).getInputStream()) {
            MediaItem stored = media.store(in, file, DEMO_UPLOADER);
            return media.describe(stored.id(), alt, caption, credit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createCartoon(DemoCartoon cartoon) {
        MediaItem image = store(cartoon.file(), cartoon.alt(), cartoon.title(), "ريشة فريق منبر");
        String body = "<p>" + Entities.escape(cartoon.alt().substring(cartoon.alt().indexOf(':') + 1).strip()) + ".</p>\n";
        imports.create(new ArticleDraft(cartoon.title(), body, null, ArticleStatus.PUBLISHED, null,
                taxonomy.sectionBySlug("caricature").orElseThrow().id(), List.of(),
                List.of(new Contributor("فريق منبر", List.of(ContributorRole.PREPARED))), image.url(), image.alt(),
                cartoon.publishedAt()));
    }

    private void createCorpusArticle(JsonNode record, int index, MediaItem photo) {
        String title = record.get("title").asString().strip();
        List<String> paragraphs = record.get("body").asString().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        StringBuilder body = new StringBuilder();
        paragraphs.forEach(p -> body.append("<p>").append(Entities.escape(p)).append("</p>\n"));
        // A few records were picked for the health and reports sections, which the corpus lacks.
        String sectionSlug = record.has("demoSection") ? record.get("demoSection").asString()
                : CATEGORY_SECTIONS.getOrDefault(record.get("category").asString(), "diverse");
        String lead = title + " " + (paragraphs.isEmpty() ? "" : paragraphs.get(0));
        List<Long> tagIds = DEMO_TAGS.stream().filter(lead::contains).limit(4).map(t -> taxonomy.ensureTag(t).id()).toList();
        ArticleDraft draft = new ArticleDraft(title, body.toString(), null, ArticleStatus.PUBLISHED, "جوهرة أف أم",
                taxonomy.sectionBySlug(sectionSlug).orElseThrow().id(), tagIds,
                List.of(new Contributor("فريق التحرير", List.of(ContributorRole.EDITED))),
                photo == null ? null : photo.url(), photo == null ? null : photo.alt(),
                publishedAt(record.get("id").asString(), index));
        imports.create(draft);
    }

    /** Corpus ids end with the publication day (JA-sport-12-20170120); minutes keep the order stable. */
    static OffsetDateTime publishedAt(String corpusId, int index) {
        String day = corpusId.substring(corpusId.lastIndexOf('-') + 1);
        LocalDate date;
        try {
            date = LocalDate.parse(day, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (RuntimeException e) {
            date = LocalDate.of(2017, 1, 1);
        }
        return date.atTime(8, 0).plusMinutes(index % 600).atOffset(ZoneOffset.ofHours(1));
    }

    private List<JsonNode> corpus() {
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> records = new ArrayList<>();
        try (InputStream in = new ClassPathResource("demo/articles.jsonl").getInputStream();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    records.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private static byte[] resource(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
