-- Demo content: the seed article page of EDnews (en) with its related article and
-- every headline of its news line, plus a few az and ru articles. Times are UTC
-- (Baku time minus four hours). Loaded once by `make run` on first start.
START TRANSACTION;

INSERT INTO categories (id, edition, slug, name, position) VALUES
  (1, 'en', 'country', 'Country', 1),
  (2, 'en', 'politics', 'Politics', 2),
  (3, 'en', 'economy', 'Economy', 3),
  (4, 'en', 'society', 'Society', 4),
  (5, 'en', 'culture', 'Culture', 5),
  (6, 'en', 'science', 'Science', 6),
  (7, 'en', 'world', 'World', 7),
  (8, 'az', 'olke', 'Ölkə', 1),
  (9, 'az', 'siyaset', 'Siyasət', 2),
  (10, 'az', 'iqtisadiyyat', 'İqtisadiyyat', 3),
  (11, 'az', 'medeniyyet', 'Mədəniyyət', 4),
  (12, 'ru', 'strana', 'Страна', 1),
  (13, 'ru', 'politika', 'Политика', 2),
  (14, 'ru', 'ekonomika', 'Экономика', 3),
  (15, 'ru', 'kultura', 'Культура', 4);

INSERT INTO articles (id, edition, category_id, slug, title, lead, author, source, status, published_at) VALUES
  (1, 'en', 1, 'azerbaijani-ombudsperson-urges-human-rights-protection-and-cooperation', 'Azerbaijani Ombudsperson urges human rights protection and cooperation', 'Sabina Aliyeva, Commissioner for Human Rights  of the Republic of Azerbaijan, participated in the Fourth General Assembly and the Twelfth Board of Directors Meeting of the Organization of Islamic Cooperation Ombudsman Association held in Tehran.', 'Madina Mammadova', 'EDnews', 'published', '2025-05-15 06:22:00'),
  (2, 'en', 1, 'iepf-issued-a-statement-regarding-azerbaijani-children-at-the-un-human-rights-co', 'IEPF issued a statement regarding Azerbaijani children at the UN Human Rights Council', 'The International Eurasia Press Fund (IEPF) issued a statement at the UN Human Rights Council about Azerbaijani children who lost their lives or were wounded during the conflict.', 'Madina Mammadova', 'EDnews', 'published', '2025-05-14 13:40:00'),
  (3, 'en', 1, 'president-approves-medal-for-emergency-ministrys-20th-year', 'President Approves Medal for Emergency Ministry’s 20th Year', 'The President approved a medal for the 20th anniversary of the Ministry of Emergency Situations.', 'EDnews', 'EDnews', 'published', '2025-05-16 07:27:00'),
  (4, 'en', 4, 'azerbaijani-and-belarusian-military-medical-specialists-meet-in-baku', 'Azerbaijani and Belarusian military medical specialists meet in Baku', 'Military medical specialists of Azerbaijan and Belarus met in Baku to share experience.', 'EDnews', 'EDnews', 'published', '2025-05-16 07:28:00'),
  (5, 'en', 2, 'ilham-aliyev-met-with-the-presidents-of-the-council-of-the-european-union', 'Ilham Aliyev met with the Presidents of the Council of the European Union', 'President Ilham Aliyev met the Presidents of the Council of the European Union and the European Council.', 'EDnews', 'EDnews', 'published', '2025-05-16 07:35:00'),
  (6, 'en', 3, 'azerbaijani-oil-price-declines-in-global-markets', 'Azerbaijani oil price declines in global markets', 'The price of Azerbaijani oil declined on global markets.', 'EDnews', 'EDnews', 'published', '2025-05-16 07:57:00'),
  (7, 'en', 2, 'the-next-plenary-meeting-of-the-spring-session-of-the-milli-majlis-is-being-held', 'The next plenary Meeting of the spring session of the Milli Majlis is being held', 'The next plenary meeting of the spring session of the Milli Majlis is being held.', 'EDnews', 'EDnews', 'published', '2025-05-16 08:04:00'),
  (8, 'en', 6, 'baku-hosts-conference-on-implementation-of-artificial-intelligence-in-agricultur', 'Baku hosts conference on "Implementation of artificial intelligence in agricultural practices"', 'Baku hosts a conference on the use of artificial intelligence in agricultural practices.', 'EDnews', 'EDnews', 'published', '2025-05-16 08:17:00'),
  (9, 'en', 2, 'pashinyans-statement-shows-that-armenia-not-interested-in-sustainable-peace', '"Pashinyan''s statement shows that Armenia not interested in sustainable peace"', 'A statement by Pashinyan shows that Armenia is not interested in sustainable peace, an official said.', 'EDnews', 'EDnews', 'published', '2025-05-16 08:27:00'),
  (10, 'en', 1, 'climate-change-is-among-faos-priorities-in-azerbaijan', 'Climate change is among FAO''s priorities in Azerbaijan', 'The FAO representative said climate change is among the organisation''s priorities in Azerbaijan.', 'EDnews', 'EDnews', 'published', '2025-05-16 08:33:00'),
  (11, 'en', 2, 'azerbaijan-hungary-explore-interparliamentary-ties', 'Azerbaijan, Hungary explore interparliamentary ties', 'Azerbaijan and Hungary explored ways to deepen ties between their parliaments.', 'EDnews', 'EDnews', 'published', '2025-05-16 09:07:00'),
  (12, 'en', 7, 'expanding-baku-beijing-co-op-europe-may-lose-important-partner', 'Expanding Baku-Beijing co-op: Europe may lose important partner', 'An analysis argues that as Baku and Beijing expand cooperation, Europe may lose an important partner.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:02:00'),
  (13, 'en', 2, 'hikmat-hajiyev-shares-on-social-media-publications-about-meetings-during-his-vis', 'Hikmat Hajiyev shares on social media publications about meetings during his visit to Iran', 'Hikmat Hajiyev shared on social media publications about his meetings during the visit to Iran.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:07:00'),
  (14, 'en', 6, 'archaeologists-discover-lost-world-of-human-ancestors-off-java-coast', 'Archaeologists discover ''lost world'' of human ancestors off Java coast', 'Archaeologists have found remains of a ''lost world'' of human ancestors on the seabed off the coast of Java.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:12:00'),
  (15, 'en', 2, 'hikmat-hajiyev-azerbaijani-iranian-relations-entered-new-stage-of-development', 'Hikmat Hajiyev: Azerbaijani-Iranian relations entered new stage of development', 'Hikmat Hajiyev said Azerbaijani-Iranian relations have entered a new stage of development.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:16:00'),
  (16, 'en', 2, 'hikmat-hajiyev-attends-forum-in-tehran', 'Hikmat Hajiyev attends forum in Tehran', 'Hikmat Hajiyev attends a forum in Tehran on regional cooperation.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:19:00'),
  (17, 'en', 2, 'hikmat-hajiyev-de-facto-peace-reigns-in-south-caucasus', 'Hikmat Hajiyev: De facto peace reigns in South Caucasus', 'Hikmat Hajiyev said a de facto peace reigns in the South Caucasus.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:21:00'),
  (18, 'en', 3, 'azerbaijans-tourism-potential-presented-in-jordan', 'Azerbaijan''s tourism potential presented in Jordan', 'Azerbaijan''s tourism potential was presented to travel companies in Jordan.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:22:00'),
  (19, 'en', 2, 'hikmat-hajiyev-meets-secretary-of-irans-supreme-national-security-council', 'Hikmat Hajiyev meets Secretary of Iran''s Supreme National Security Council', 'Hikmat Hajiyev met the Secretary of Iran''s Supreme National Security Council.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:27:00'),
  (20, 'en', 1, '1-291-hectares-of-land-cleared-of-mines-last-week', '1,291 hectares of land cleared of mines last week', 'Deminers cleared 1,291 hectares of land of mines last week, the mine action agency reported.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:32:00'),
  (21, 'en', 7, 'speaker-of-azerbaijani-parliament-attends-inauguration-mass-of-pope-leo-xiv', 'Speaker of Azerbaijani Parliament attends inauguration mass of Pope Leo XIV', 'The Speaker of the Azerbaijani Parliament attended the inauguration mass of Pope Leo XIV in Rome.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:36:00'),
  (22, 'en', 2, 'speaker-of-milli-majlis-sahiba-gafarova-visits-the-vatican', 'Speaker of Milli Majlis Sahiba Gafarova visits the Vatican', 'Speaker Sahiba Gafarova visited the Vatican and met representatives of the Holy See.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:41:00'),
  (23, 'en', 2, 'the-presidents-visit-to-albania-will-be-remembered-as-a-european-triumph-for-off', '''''The President''s visit to Albania will be remembered as a European triumph for official Baku'''' Expert Opinion', 'An expert said the President''s visit to Albania will be remembered as a European triumph for official Baku.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:46:00'),
  (24, 'en', 2, 'sahiba-gafarova-is-on-an-official-visit-to-spain', 'Sahiba Gafarova is on an official visit to Spain', 'Speaker of the Milli Majlis Sahiba Gafarova is on an official visit to Spain.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:51:00'),
  (25, 'en', 2, 'hikmat-hajiyev-azerbaijan-and-iran-must-continue-cooperation-and-strengthen-ties', 'Hikmat Hajiyev: Azerbaijan and Iran must continue cooperation and strengthen ties', 'Hikmat Hajiyev said Azerbaijan and Iran must continue their cooperation and strengthen ties.', 'EDnews', 'EDnews', 'published', '2025-05-19 06:57:00'),
  (26, 'en', 1, 'azerbaijani-presidential-climate-envoy-to-attend-azerbaijan-international-forum', 'Azerbaijani presidential climate envoy to attend Azerbaijan International Forum 2025', 'The presidential envoy on climate issues will attend an international forum in Azerbaijan.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:01:00'),
  (27, 'en', 1, 'azerbaijani-ombudsman-issues-appeal-on-human-rights', 'Azerbaijani Ombudsman issues appeal on Human Rights', 'The Azerbaijani Ombudsman issued an appeal on human rights to international organisations.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:03:00'),
  (28, 'en', 4, 'ilham-aliyev-azerbaijani-healthcare-has-made-significant-steps-along-a-long-way', 'Ilham Aliyev: Azerbaijani healthcare has made significant steps along a long way of development', 'President Ilham Aliyev said Azerbaijani healthcare has made significant progress, pointing to new hospitals and training of doctors.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:08:00'),
  (29, 'en', 3, 'new-agreement-between-azerbaijan-and-pakistan-in-the-field-of-plant-safety', 'New agreement between Azerbaijan and Pakistan in the field of plant safety', 'Azerbaijan and Pakistan signed a new agreement on plant safety to ease trade in agricultural goods.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:14:00'),
  (30, 'en', 2, 'azerbaijan-to-be-represented-at-astana-international-forum', 'Azerbaijan to be represented at Astana International Forum', 'Azerbaijan will be represented at the Astana International Forum.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:16:00'),
  (31, 'en', 3, 'azerbaijani-delegation-participated-in-the-international-economic-forum', 'Azerbaijani delegation participated in the International Economic Forum', 'An Azerbaijani delegation took part in the International Economic Forum, presenting the country''s transport and energy projects.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:21:00'),
  (32, 'en', 2, 'press-review-of-i-aliyevs-participation-in-the-6th-summit-of-the-european-politi', 'Press review of I.Aliyev''s participation in the 6th Summit of the "European Political Union"', 'International media covered President Ilham Aliyev''s participation in the summit of the European Political Community.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:25:00'),
  (33, 'en', 5, 'the-official-opening-of-the-azerbaijani-carpet-exhibition-took-place-in-chisinau', 'The official opening of the Azerbaijani carpet exhibition took place in Chisinau', 'An exhibition of Azerbaijani carpets officially opened in Chisinau.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:31:00'),
  (34, 'en', 2, 'azerbaijani-delegation-attends-russia-islamic-world-kazan-forum-2025', 'Azerbaijani delegation attends Russia-Islamic World: Kazan Forum 2025', 'An Azerbaijani delegation attends the Russia-Islamic World: KazanForum 2025.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:36:00'),
  (35, 'en', 4, 'azerbaijan-turkiye-hold-talks-on-education-sector-cooperation', 'Azerbaijan,Türkiye Hold Talks on Education Sector Cooperation', 'Education officials of Azerbaijan and Türkiye discussed joint programmes for schools and universities.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:42:00'),
  (36, 'en', 7, 'eu-countries-agree-on-big-defence-fund-with-azerbaijan-diplomat-says', 'EU countries agree on big defence fund with Azerbaijan- Diplomat Says', 'European Union countries have agreed on a large defence fund, a diplomat said, adding that Azerbaijan has been consulted on projects of shared interest.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:48:00'),
  (37, 'en', 2, 'azerbaijans-parliamentary-delegation-starts-official-visit-to-spain', 'Azerbaijan’s parliamentary delegation starts official visit to Spain', 'A delegation of the Milli Majlis begins an official visit to Spain with meetings in the Cortes Generales.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:53:00'),
  (38, 'en', 5, 'azerbaijan-joins-fez-festival-of-world-sacred-music', 'Azerbaijan joins Fez Festival of World Sacred Music', 'Azerbaijani musicians join the Fez Festival of World Sacred Music in Morocco this year.', 'EDnews', 'EDnews', 'published', '2025-05-19 07:57:00'),
  (39, 'en', 6, 'how-does-space-sound-nasa-created-music-from-the-sounds-of-black-hole', 'How does space "sound"? -NASA created "music" from the sounds of black hole', 'NASA has turned data recorded around a black hole into sound, shifting pressure waves into the range of human hearing.', 'EDnews', 'EDnews', 'published', '2025-05-19 08:03:00'),
  (40, 'en', 3, 'azerbaijan-increases-construction-by-over-2026', 'Azerbaijan increases construction by over 2026', 'New figures show construction in Azerbaijan growing faster than planned, with housing and roads leading the increase.', 'EDnews', 'EDnews', 'published', '2025-05-19 08:09:00'),
  (41, 'en', 5, 'a-meeting-of-nobles-exhibition-to-open-in-shusha', 'A Meeting of Nobles exhibition to open in Shusha', 'An exhibition titled A Meeting of Nobles opens in Shusha, bringing together portraits and household objects of the city''s historic families.', 'EDnews', 'EDnews', 'published', '2025-05-19 08:15:00'),
  (42, 'en', 2, 'talks-between-azerbaijan-and-armenia-may-be-held-at-level-of-heads-of-state', 'Talks between Azerbaijan and Armenia may be held at level of heads of state', 'Officials in Baku said the next round of talks between Azerbaijan and Armenia could be raised to the level of heads of state.', 'EDnews', 'EDnews', 'published', '2025-05-19 08:21:00'),
  (43, 'az', 8, 'ombudsman-insan-huquqlarinin-mudafiesine-chaghirib', 'Ombudsman insan hüquqlarının müdafiəsinə çağırıb', 'Azərbaycan Respublikasının İnsan Hüquqları üzrə Müvəkkili Səbinə Əliyeva Tehranda keçirilən toplantıda çıxış edib.', 'Mədinə Məmmədova', 'EDnews', 'published', '2025-05-15 06:20:00'),
  (44, 'az', 9, 'azerbaycan-ve-ermenistan-arasinda-danishiqlar-dovlet-bashchilari-seviyyesinde-ke', 'Azərbaycan və Ermənistan arasında danışıqlar dövlət başçıları səviyyəsində keçirilə bilər', 'Rəsmi Bakı danışıqların növbəti mərhələsinin dövlət başçıları səviyyəsində keçirilə biləcəyini bildirib.', 'Mədinə Məmmədova', 'EDnews', 'published', '2025-05-19 08:20:00'),
  (45, 'az', 11, 'shushada-zadeganlar-meclisi-sergisi-achilir', 'Şuşada "Zadəganlar məclisi" sərgisi açılır', 'Sərgidə Şuşanın tarixi ailələrinə məxsus portretlər və məişət əşyaları nümayiş olunur.', 'Mədinə Məmmədova', 'EDnews', 'published', '2025-05-19 08:14:00'),
  (46, 'az', 10, 'azerbaycan-neftinin-qiymeti-ucuzlashib', 'Azərbaycan neftinin qiyməti ucuzlaşıb', 'Azərbaycan neftinin dünya bazarlarında qiyməti azalıb.', 'Mədinə Məmmədova', 'EDnews', 'published', '2025-05-16 07:55:00'),
  (47, 'ru', 12, 'ombudsmen-azerbaydzhana-prizvala-k-zashchite-prav-cheloveka', 'Омбудсмен Азербайджана призвала к защите прав человека', 'Уполномоченный по правам человека Азербайджана Сабина Алиева выступила на собрании в Тегеране.', 'Мадина Мамедова', 'EDnews', 'published', '2025-05-15 06:25:00'),
  (48, 'ru', 13, 'peregovory-azerbaydzhana-i-armenii-mogut-proyti-na-urovne-glav-gosudarstv', 'Переговоры Азербайджана и Армении могут пройти на уровне глав государств', 'Официальный Баку сообщил, что следующий раунд переговоров может пройти на высшем уровне.', 'Мадина Мамедова', 'EDnews', 'published', '2025-05-19 08:22:00'),
  (49, 'ru', 15, 'v-kishineve-otkrylas-vystavka-azerbaydzhanskikh-kovrov', 'В Кишинёве открылась выставка азербайджанских ковров', 'На выставке представлены ковры основных школ ковроткачества Азербайджана.', 'Мадина Мамедова', 'EDnews', 'published', '2025-05-19 07:30:00'),
  (50, 'ru', 14, 'tsena-azerbaydzhanskoy-nefti-snizilas', 'Цена азербайджанской нефти снизилась', 'Стоимость азербайджанской нефти на мировых рынках снизилась.', 'Мадина Мамедова', 'EDnews', 'published', '2025-05-16 07:58:00');

-- The bodies, in Markdown; newsline load renders body_html.
INSERT INTO article_bodies (article_id, body) VALUES
  (1, 'Sabina Aliyeva, Commissioner for Human Rights  of the Republic of Azerbaijan, participated in the Fourth General Assembly and the Twelfth Board of Directors Meeting of the Organization of Islamic Cooperation Ombudsman Association held in Tehran.

According to EDnews Sabina Aliyeva emphasized Azerbaijan''s active engagement in the initiatives organized under the Organization of Islamic Cooperation, as well as its role in hosting numerous important global events.

Praising the strengthening of ties and the intensification of joint activities among member institutions over the past year, the Commissioner stressed the importance of continuing efforts to protect and promote the rights of vulnerable groups, including persons with disabilities.

Providing an overview of the mandate of the Azerbaijani Ombudsman and the institution’s work in the field of human rights, Sabina Aliyeva highlighted the steps taken to protect the rights of vulnerable groups and the valuable experience gained in this process.

Describing forced migration as one of the fundamental issues of the modern era, Aliyeva stated that as a result of Armenia’s policy of ethnic cleansing, hundreds of thousands of Azerbaijanis were forcibly expelled from their native lands and became refugees. She emphasized that their fundamental rights and freedoms were gravely violated. The Commissioner shared detailed information on the measures taken by Azerbaijan to safeguard the rights of these individuals and facilitate their return to their homelands.

Aliyeva also drew attention to the threat posed by landmine contamination in Azerbaijan’s liberated territories. She stated that mines planted by Armenia continue to endanger the lives and health of civilians and hinder the safe return of the displaced population. The Ombudsperson stressed that she has repeatedly appealed to the international community regarding this issue, but practical results have yet to be achieved.'),
  (2, 'The International Eurasia Press Fund (IEPF) issued a statement at the UN Human Rights Council about Azerbaijani children who lost their lives or were wounded during the conflict.

The statement asks the Council to consider the fate of children affected by landmines in the liberated territories.'),
  (3, 'The President approved a medal for the 20th anniversary of the Ministry of Emergency Situations.

It will be awarded to staff for distinguished service.'),
  (4, 'Military medical specialists of Azerbaijan and Belarus met in Baku to share experience.

The meeting covered field medicine and training.'),
  (5, 'President Ilham Aliyev met the Presidents of the Council of the European Union and the European Council.

Energy and connectivity were discussed.'),
  (6, 'The price of Azerbaijani oil declined on global markets.

Azeri Light was quoted lower than the day before.'),
  (7, 'The next plenary meeting of the spring session of the Milli Majlis is being held.

Several draft laws are on the agenda.'),
  (8, 'Baku hosts a conference on the use of artificial intelligence in agricultural practices.

Farmers and researchers discussed sensors, drones and forecasting tools.'),
  (9, 'A statement by Pashinyan shows that Armenia is not interested in sustainable peace, an official said.

He urged Yerevan to change its constitution.'),
  (10, 'The FAO representative said climate change is among the organisation''s priorities in Azerbaijan.

Projects on water saving and soil protection are under way.'),
  (11, 'Azerbaijan and Hungary explored ways to deepen ties between their parliaments.

The friendship groups of both parliaments plan regular meetings.'),
  (12, 'An analysis argues that as Baku and Beijing expand cooperation, Europe may lose an important partner.

The author points to new transport corridors through the region.'),
  (13, 'Hikmat Hajiyev shared on social media publications about his meetings during the visit to Iran.

The posts include photos from Tehran.'),
  (14, 'Archaeologists have found remains of a ''lost world'' of human ancestors on the seabed off the coast of Java.

The finds come from sediments dredged during construction work.'),
  (15, 'Hikmat Hajiyev said Azerbaijani-Iranian relations have entered a new stage of development.

He cited joint transport and energy projects.'),
  (16, 'Hikmat Hajiyev attends a forum in Tehran on regional cooperation.

He is expected to hold several bilateral meetings.'),
  (17, 'Hikmat Hajiyev said a de facto peace reigns in the South Caucasus.

He added that a signed peace treaty would make it lasting.'),
  (18, 'Azerbaijan''s tourism potential was presented to travel companies in Jordan.

The presentation focused on Baku, Shusha and the mountain resorts.'),
  (19, 'Hikmat Hajiyev met the Secretary of Iran''s Supreme National Security Council.

Regional security and transport links were among the topics.'),
  (20, 'Deminers cleared 1,291 hectares of land of mines last week, the mine action agency reported.

Several anti-personnel and anti-tank mines were found and destroyed.'),
  (21, 'The Speaker of the Azerbaijani Parliament attended the inauguration mass of Pope Leo XIV in Rome.

Delegations from many countries took part in the ceremony.'),
  (22, 'Speaker Sahiba Gafarova visited the Vatican and met representatives of the Holy See.

Interfaith dialogue and cultural heritage were discussed.'),
  (23, 'An expert said the President''s visit to Albania will be remembered as a European triumph for official Baku.

He pointed to the agreements signed and the attention the visit drew.'),
  (24, 'Speaker of the Milli Majlis Sahiba Gafarova is on an official visit to Spain.

She met the presidents of both chambers of the Spanish parliament.'),
  (25, 'Hikmat Hajiyev said Azerbaijan and Iran must continue their cooperation and strengthen ties.

He spoke after meetings in Tehran.'),
  (26, 'The presidential envoy on climate issues will attend an international forum in Azerbaijan.

The forum gathers experts on energy transition and water resources.'),
  (27, 'The Azerbaijani Ombudsman issued an appeal on human rights to international organisations.

The appeal calls for attention to the rights of displaced people and victims of mines.'),
  (28, 'President Ilham Aliyev said Azerbaijani healthcare has made significant progress, pointing to new hospitals and training of doctors.

He spoke at the opening of a medical centre.'),
  (29, 'Azerbaijan and Pakistan signed a new agreement on plant safety to ease trade in agricultural goods.

The agreement sets shared rules for inspections and certificates.'),
  (30, 'Azerbaijan will be represented at the Astana International Forum.

The delegation is expected to speak on regional connectivity and climate.'),
  (31, 'An Azerbaijani delegation took part in the International Economic Forum, presenting the country''s transport and energy projects.

Several memoranda were signed on the sidelines.'),
  (32, 'International media covered President Ilham Aliyev''s participation in the summit of the European Political Community.

The review gathers reports on his meetings and statements in Tirana.'),
  (33, 'An exhibition of Azerbaijani carpets officially opened in Chisinau.

Visitors can see pieces from the main weaving schools of Azerbaijan, from Guba to Karabakh.'),
  (34, 'An Azerbaijani delegation attends the Russia-Islamic World: KazanForum 2025.

The delegation presented investment opportunities and met business leaders from several countries.'),
  (35, 'Education officials of Azerbaijan and Türkiye discussed joint programmes for schools and universities.

Both sides plan exchanges of teachers and shared vocational courses.'),
  (36, 'European Union countries have agreed on a large defence fund, a diplomat said, adding that Azerbaijan has been consulted on projects of shared interest.

Details of the fund''s rules are still being worked out.'),
  (37, 'A delegation of the Milli Majlis begins an official visit to Spain with meetings in the Cortes Generales.

Parliamentary cooperation and energy links are on the agenda.'),
  (38, 'Azerbaijani musicians join the Fez Festival of World Sacred Music in Morocco this year.

The programme includes mugham performances and a joint concert with local ensembles.'),
  (39, 'NASA has turned data recorded around a black hole into sound, shifting pressure waves into the range of human hearing.

The recording has become one of the agency''s most listened-to releases.'),
  (40, 'New figures show construction in Azerbaijan growing faster than planned, with housing and roads leading the increase.

Economists expect the pace to hold as reconstruction in the liberated territories continues.'),
  (41, 'An exhibition titled A Meeting of Nobles opens in Shusha, bringing together portraits and household objects of the city''s historic families.

The organisers plan to keep it open through the summer.'),
  (42, 'Officials in Baku said the next round of talks between Azerbaijan and Armenia could be raised to the level of heads of state.

Diplomats on both sides described the preparations as constructive, though no date has been agreed.'),
  (43, 'Azərbaycan Respublikasının İnsan Hüquqları üzrə Müvəkkili Səbinə Əliyeva Tehranda keçirilən toplantıda çıxış edib.

O, həssas qrupların hüquqlarının müdafiəsi sahəsində görülən işlərdən danışıb.'),
  (44, 'Rəsmi Bakı danışıqların növbəti mərhələsinin dövlət başçıları səviyyəsində keçirilə biləcəyini bildirib.

Tarix hələ razılaşdırılmayıb.'),
  (45, 'Sərgidə Şuşanın tarixi ailələrinə məxsus portretlər və məişət əşyaları nümayiş olunur.

Sərgi yay boyu açıq olacaq.'),
  (46, 'Azərbaycan neftinin dünya bazarlarında qiyməti azalıb.

"Azeri Light" markalı neft bir gün əvvəlkindən ucuz satılıb.'),
  (47, 'Уполномоченный по правам человека Азербайджана Сабина Алиева выступила на собрании в Тегеране.

Она рассказала о мерах по защите прав уязвимых групп.'),
  (48, 'Официальный Баку сообщил, что следующий раунд переговоров может пройти на высшем уровне.

Дата пока не согласована.'),
  (49, 'На выставке представлены ковры основных школ ковроткачества Азербайджана.

Экспозиция продлится месяц.'),
  (50, 'Стоимость азербайджанской нефти на мировых рынках снизилась.

Нефть марки «Азери Лайт» подешевела по сравнению с предыдущим днём.');

UPDATE articles SET created_at = published_at, updated_at = published_at;
INSERT INTO article_related (article_id, related_id, position) VALUES (1, 2, 1);
COMMIT;
